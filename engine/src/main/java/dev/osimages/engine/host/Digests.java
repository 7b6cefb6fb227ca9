package dev.osimages.engine.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of strings and files, as lowercase hex: the unit of every cache key; and the JDK's
 * digests by name.
 */
public final class Digests {
  private Digests() {}

  /** A fresh SHA-256 digest. */
  public static MessageDigest sha256() {
    return named("SHA-256");
  }

  /** A fresh MD5 digest (the image store's md5 file; never a cache key). */
  public static MessageDigest md5() {
    return named("MD5");
  }

  private static MessageDigest named(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks " + algorithm, e);
    }
  }

  /** Hex SHA-256 of the parts, each terminated by a NUL so that boundaries count. */
  public static String of(String... parts) {
    MessageDigest d = sha256();
    for (String p : parts) {
      d.update(p.getBytes(StandardCharsets.UTF_8));
      d.update((byte) 0);
    }
    return HexFormat.of().formatHex(d.digest());
  }

  /** Hex SHA-256 of {@code bytes}. */
  public static String ofBytes(byte[] bytes) {
    return HexFormat.of().formatHex(sha256().digest(bytes));
  }

  /** Hex SHA-256 of a file's bytes. */
  public static String ofFile(Path file) {
    MessageDigest d = sha256();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        d.update(buf, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return HexFormat.of().formatHex(d.digest());
  }
}
