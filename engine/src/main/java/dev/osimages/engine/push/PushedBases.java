package dev.osimages.engine.push;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.model.Cell;
import dev.osimages.engine.plan.PlannedCell;
import dev.osimages.engine.plan.Workspace;
import dev.osimages.engine.registry.ImageRef;
import dev.osimages.engine.registry.RegistryClient;
import dev.osimages.engine.registry.RegistryException;
import dev.osimages.engine.signing.VerifyingKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.json.JSONObject;

/**
 * Base cells another machine pushed (CI fan-out): the image a base cell was pushed as, found under
 * the first of its push references, is used as the derived cell's base instead of building the base
 * again, when its {@code dev.osimages.input-hash} annotation is the base cell's planned input hash
 * (the same inputs) and, with a key, it carries a cosign signature by that key. The reference is
 * pinned by digest, so the build pulls exactly the image that was checked.
 */
public final class PushedBases {
  private final Workspace.Loaded loaded;
  private final String prefixOverride;
  private final RegistryClient registry;
  private final CosignVerifier verifier;
  private final Optional<VerifyingKey> key;
  private final Map<String, Optional<String>> found = new ConcurrentHashMap<>();

  /** {@code scratch}: a directory for signature payloads. */
  public PushedBases(
      Workspace.Loaded loaded,
      String prefixOverride,
      RegistryClient registry,
      Path scratch,
      Optional<VerifyingKey> key) {
    this.loaded = loaded;
    this.prefixOverride = prefixOverride;
    this.registry = registry;
    this.verifier = new CosignVerifier(registry, scratch);
    this.key = key;
  }

  /**
   * The pinned reference ({@code host/repo:tag@sha256:...}) of base cell {@code id}'s pushed image
   * with the planned input hash; empty when the registry has none (the base is built here).
   *
   * @throws EngineException (exit 1) when a key is given and that image is not signed by it
   */
  public Optional<String> find(String id) {
    return found.computeIfAbsent(id, this::lookUp);
  }

  private Optional<String> lookUp(String id) {
    PlannedCell p = loaded.plan().cell(id).orElseThrow();
    Cell cell = p.cell();
    ImageRef ref = CellPushes.targets(loaded, cell, prefixOverride).get(0);
    String digest;
    JSONObject manifest;
    try {
      digest = registry.resolve(ref).digest();
      manifest =
          new JSONObject(
              new String(
                  registry.manifest(ref.withDigest(digest)).bytes(), StandardCharsets.UTF_8));
    } catch (RegistryException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
    String hash =
        manifest
            .optJSONObject("annotations", new JSONObject())
            .optString("dev.osimages.input-hash");
    if (!hash.equals(p.inputHash())) {
      return Optional.empty(); // pushed from other inputs: not this base
    }
    if (key.isPresent() && !verifier.signedBy(ref, digest, key.get())) {
      throw new EngineException(
          id
              + ": the pushed base "
              + ref.withDigest(digest)
              + " has no signature by key "
              + key.get().fingerprint()
              + "; not used",
          ExitCode.FAILED);
    }
    return Optional.of(ref.withDigest(digest).toString());
  }
}
