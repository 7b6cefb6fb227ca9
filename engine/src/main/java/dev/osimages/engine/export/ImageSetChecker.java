package dev.osimages.engine.export;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.export.lz4.Lz4FrameChecker;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Verifies a published image set in one read of the tarball: its md5 against img.tar.lz4.md5, its
 * sha256 against manifest.json (when there is one) and the LZ4 frame's own integrity (every block
 * and the content checksum), as {@code md5sum -c} and {@code lz4 -t} would; and the set's other
 * files against the digests manifest.json records for them ({@link SetFilesCheck}).
 */
public final class ImageSetChecker {
  private static final Pattern MD5_LINE =
      Pattern.compile("^([0-9a-f]{32}) [ *]img\\.tar\\.lz4\\s*$");
  private static final Pattern SHA256 = Pattern.compile("\"sha256\"\\s*:\\s*\"([0-9a-f]{64})\"");

  /**
   * What was checked.
   *
   * @param problems empty when the set is sound; otherwise one line per problem, naming the file
   */
  public record Result(
      Path dir, String md5, String sha256, long contentBytes, List<String> problems) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  /** Checks the set in {@code dir}; a missing tarball or md5 file is an error, not a result. */
  public Result check(Path dir) {
    Path tarball = dir.resolve(ImageSet.TARBALL);
    Path md5File = dir.resolve(ImageSet.MD5);
    try {
      if (!Files.isRegularFile(tarball) || !Files.isRegularFile(md5File)) {
        throw new EngineException(
            dir + ": not an image set (needs " + ImageSet.TARBALL + " and " + ImageSet.MD5 + ")",
            ExitCode.FAILED);
      }
      List<String> problems = new ArrayList<>();
      Digesting in = new Digesting(new BufferedInputStream(Files.newInputStream(tarball), 1 << 20));
      long content = -1;
      try {
        content = new Lz4FrameChecker().check(in).contentBytes();
      } catch (IOException e) {
        problems.add(tarball + ": lz4 frame check failed: " + e.getMessage());
      } finally {
        // The digests cover the whole file even when the frame check stopped early.
        in.transferTo(OutputStream.nullOutputStream());
        in.close();
      }
      String md5 = HexFormat.of().formatHex(in.md5.digest());
      String sha = HexFormat.of().formatHex(in.sha256.digest());
      compareMd5(md5File, md5, problems);
      compareSha256(dir.resolve(ImageSet.MANIFEST), sha, problems);
      SetFilesCheck.check(dir, sha, problems);
      return new Result(dir, md5, sha, content, List.copyOf(problems));
    } catch (IOException e) {
      throw new EngineException(
          dir + ": cannot read image set: " + e.getMessage(), ExitCode.FAILED, e);
    }
  }

  private static void compareMd5(Path md5File, String actual, List<String> problems)
      throws IOException {
    String text = Files.readString(md5File, StandardCharsets.UTF_8).strip();
    Matcher m = MD5_LINE.matcher(text);
    if (!m.matches()) {
      problems.add(md5File + ":1: expected '<md5>  img.tar.lz4', found '" + text + "'");
    } else if (!m.group(1).equals(actual)) {
      problems.add(md5File + ":1: md5 " + m.group(1) + " but the tarball's is " + actual);
    }
  }

  private static void compareSha256(Path manifest, String actual, List<String> problems)
      throws IOException {
    if (!Files.isRegularFile(manifest)) {
      return;
    }
    Matcher m = SHA256.matcher(Files.readString(manifest, StandardCharsets.UTF_8));
    if (!m.find()) {
      problems.add(manifest + ": no sha256 field");
    } else if (!m.group(1).equals(actual)) {
      problems.add(manifest + ": sha256 " + m.group(1) + " but the tarball's is " + actual);
    }
  }

  /** Digests everything read through it. */
  private static final class Digesting extends FilterInputStream {
    final MessageDigest md5;
    final MessageDigest sha256;

    Digesting(InputStream in) {
      super(in);
      try {
        md5 = MessageDigest.getInstance("MD5");
        sha256 = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("the JDK lacks MD5 or SHA-256", e);
      }
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        md5.update(b, off, n);
        sha256.update(b, off, n);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      byte[] buf = new byte[(int) Math.min(n, 1 << 16)];
      int r = read(buf, 0, buf.length);
      return Math.max(r, 0);
    }
  }
}
