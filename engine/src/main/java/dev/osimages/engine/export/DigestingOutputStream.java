package dev.osimages.engine.export;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Computes md5 and sha256 of what passes through, and counts it: the checksums cost no pass. */
final class DigestingOutputStream extends FilterOutputStream {
  private final MessageDigest md5;
  private final MessageDigest sha256;
  // Written by the lz4 writer thread, read for progress reports by the tar thread.
  private volatile long count;

  DigestingOutputStream(OutputStream out) {
    super(out);
    try {
      md5 = MessageDigest.getInstance("MD5");
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks MD5 or SHA-256", e);
    }
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    md5.update(b, off, len);
    sha256.update(b, off, len);
    out.write(b, off, len);
    count += len;
  }

  long count() {
    return count;
  }

  String md5Hex() {
    return HexFormat.of().formatHex(md5.digest());
  }

  String sha256Hex() {
    return HexFormat.of().formatHex(sha256.digest());
  }
}
