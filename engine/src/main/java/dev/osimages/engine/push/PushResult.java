package dev.osimages.engine.push;

import java.util.List;

/**
 * What pushing one set did: the manifest digest, the references it is under, whether anything was
 * sent ({@code pushed} false: every tag already named this manifest and, when signed, its signature
 * and attestations were there), the bytes uploaded, and whether the image is signed and attested in
 * cosign's layout.
 */
public record PushResult(
    String cell,
    String digest,
    List<String> references,
    boolean pushed,
    long bytesSent,
    boolean signed) {
  public PushResult {
    references = List.copyOf(references);
  }
}
