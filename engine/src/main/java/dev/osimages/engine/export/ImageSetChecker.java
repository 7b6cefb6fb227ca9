package dev.osimages.engine.export;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.export.lz4.Lz4FrameChecker;
import dev.osimages.engine.host.Digests;
import dev.osimages.engine.json.JsonObject;
import dev.osimages.engine.json.MalformedJsonException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
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
      MessageDigest md5 = Digests.md5();
      MessageDigest sha256 = Digests.sha256();
      InputStream in =
          new DigestInputStream(
              new DigestInputStream(
                  new BufferedInputStream(Files.newInputStream(tarball), 1 << 20), md5),
              sha256);
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
      String md5Hex = HexFormat.of().formatHex(md5.digest());
      String sha = HexFormat.of().formatHex(sha256.digest());
      compareMd5(md5File, md5Hex, problems);
      compareSha256(dir.resolve(ImageSet.MANIFEST), sha, problems);
      SetFilesCheck.check(dir, sha, problems);
      return new Result(dir, md5Hex, sha, content, List.copyOf(problems));
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
    String recorded;
    try {
      recorded =
          JsonObject.parse(Files.readString(manifest, StandardCharsets.UTF_8)).string("sha256", "");
    } catch (MalformedJsonException e) {
      problems.add(manifest + ": not valid JSON: " + e.getMessage());
      return;
    }
    if (!recorded.matches("[0-9a-f]{64}")) {
      problems.add(manifest + ": no sha256 field");
    } else if (!recorded.equals(actual)) {
      problems.add(manifest + ": sha256 " + recorded + " but the tarball's is " + actual);
    }
  }
}
