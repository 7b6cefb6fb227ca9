package dev.osimages.engine.registry;

import dev.osimages.engine.host.Digests;
import java.util.Arrays;

/**
 * A manifest or index as bytes, with its media type and digest ({@code sha256:<hex>} of exactly
 * these bytes: a manifest is never re-serialized, so its digest stays what the registry has).
 */
public record Content(String mediaType, String digest, byte[] bytes) {
  public Content {
    bytes = bytes.clone();
  }

  /** Content whose digest is computed from {@code bytes}. */
  public static Content of(String mediaType, byte[] bytes) {
    return new Content(mediaType, "sha256:" + Digests.ofBytes(bytes), bytes);
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The descriptor that points at this content. */
  public Descriptor descriptor() {
    return Descriptor.of(mediaType, digest, bytes.length);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Content c
        && c.mediaType.equals(mediaType)
        && c.digest.equals(digest)
        && Arrays.equals(c.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return digest.hashCode();
  }

  @Override
  public String toString() {
    return "Content[" + mediaType + ", " + digest + ", " + bytes.length + " bytes]";
  }
}
