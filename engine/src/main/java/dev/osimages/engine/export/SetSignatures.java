package dev.osimages.engine.export;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.files.AtomicFiles;
import dev.osimages.engine.host.Digests;
import dev.osimages.engine.json.JsonObject;
import dev.osimages.engine.signing.SigningKey;
import dev.osimages.engine.signing.VerifyingKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Signs a published set after the fact ({@code engine sign}) and checks a set's signature ({@code
 * engine verify-signature}). Signing checks the set in full first, so only sound bytes are signed;
 * then img.tar.lz4.sig and manifest.json (recording the signature's sha256) are each replaced
 * atomically, signature first: a kill between the two leaves a signature the manifest does not
 * record yet, which the checker reports and the next {@code engine sign} completes.
 */
public final class SetSignatures {
  private SetSignatures() {}

  /**
   * Signs the set in {@code dir}; returns the tarball's sha256 that was signed. Problems with an
   * earlier signature (missing, unrecorded) do not stop it: they are what signing anew repairs.
   */
  public static String sign(Path dir, SigningKey key) {
    ImageSetChecker.Result r = new ImageSetChecker().check(dir);
    List<String> problems =
        r.problems().stream().filter(p -> !p.contains(ImageSet.SIGNATURE)).toList();
    if (!problems.isEmpty()) {
      throw new EngineException(
          dir + ": not signed: the set does not pass its checks: " + problems.get(0),
          ExitCode.FAILED);
    }
    String sig = key.blobSignature(r.sha256());
    try {
      AtomicFiles.write(dir.resolve(ImageSet.SIGNATURE), sig);
      Path manifest = dir.resolve(ImageSet.MANIFEST);
      Manifest m =
          Manifest.read(JsonObject.parse(Files.readString(manifest, StandardCharsets.UTF_8)));
      AtomicFiles.write(
          manifest,
          m.withFile(ImageSet.SIGNATURE, Digests.ofBytes(sig.getBytes(StandardCharsets.UTF_8)))
              .toJson());
    } catch (IOException e) {
      throw new EngineException(
          dir + ": cannot write the signature: " + e.getMessage(), ExitCode.FAILED, e);
    }
    return r.sha256();
  }

  /**
   * The problems of the set in {@code dir} for a signature check with {@code key}: its checks (md5,
   * sha256, recorded files), and a signature that is missing or not by {@code key} over the
   * tarball's sha256. Empty when the set is sound and signed by that key.
   */
  public static List<String> verify(Path dir, VerifyingKey key) {
    ImageSetChecker.Result r = new ImageSetChecker().check(dir);
    List<String> problems = new ArrayList<>(r.problems());
    Path sigFile = dir.resolve(ImageSet.SIGNATURE);
    if (!Files.isRegularFile(sigFile)) {
      problems.add(sigFile + ": missing (the set is not signed)");
      return problems;
    }
    try {
      byte[] der =
          Base64.getDecoder().decode(Files.readString(sigFile, StandardCharsets.UTF_8).strip());
      if (!key.verifiesDigest(r.sha256(), der)) {
        problems.add(
            sigFile
                + ": not a signature of img.tar.lz4 (sha256 "
                + r.sha256()
                + ") by key "
                + key.fingerprint());
      }
    } catch (IOException | IllegalArgumentException e) {
      problems.add(sigFile + ": not a base64 signature: " + e.getMessage());
    }
    return problems;
  }
}
