package dev.osimages.engine.push;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.event.EventListener;
import dev.osimages.engine.event.Progress;
import dev.osimages.engine.event.Stage;
import dev.osimages.engine.event.StageStarted;
import dev.osimages.engine.export.ImageSet;
import dev.osimages.engine.export.SetInstall;
import dev.osimages.engine.registry.Content;
import dev.osimages.engine.registry.Descriptor;
import dev.osimages.engine.registry.ImageRef;
import dev.osimages.engine.registry.RegistryClient;
import dev.osimages.engine.signing.VerifyingKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.json.JSONObject;

/**
 * Brings a pushed set back into a store ({@code engine fetch}): the image the reference names now,
 * the set artifact among its referrers ({@link SetArtifact}), with a key both signatures (image and
 * artifact, cosign's layout), then every file into a staging directory, checked in full and moved
 * into place only when sound and its tarball is the one the image's annotation names ({@link
 * SetInstall}). File names come only from the set's own list, never a path from the registry.
 */
public final class SetFetcher {
  private static final Set<String> NAMES =
      Set.copyOf(Stream.concat(ImageSet.FILES.stream(), ImageSet.OPTIONAL.stream()).toList());

  private final RegistryClient registry;
  private final CosignVerifier verifier;
  private final EventListener events;

  /** {@code scratch}: a directory for signature payloads. */
  public SetFetcher(RegistryClient registry, Path scratch, EventListener events) {
    this.registry = registry;
    this.verifier = new CosignVerifier(registry, scratch);
    this.events = events;
  }

  /** Fetches the set of {@code cell} pushed as {@code ref} into {@code target}. */
  public FetchResult fetch(String cell, ImageRef ref, Path target, Optional<VerifyingKey> key) {
    events.on(new StageStarted(cell, Stage.PUSH, "fetch " + ref));
    Descriptor image = registry.resolve(ref);
    ImageRef pinned = ref.withDigest(image.digest());
    List<Descriptor> sets = registry.referrers(pinned, Optional.of(SetArtifact.TYPE));
    if (sets.isEmpty()) {
      throw fail(cell, pinned + " has no image set beside it (was it pushed by engine push?)");
    }
    Descriptor art = sets.get(sets.size() - 1);
    Content artifact = registry.manifest(ref.withDigest(art.digest()));
    JSONObject doc = new JSONObject(new String(artifact.bytes(), StandardCharsets.UTF_8));
    JSONObject subject = doc.optJSONObject("subject");
    if (!doc.optString("artifactType").equals(SetArtifact.TYPE)
        || subject == null
        || !subject.optString("digest").equals(image.digest())) {
      throw fail(cell, "the set artifact " + art.digest() + " does not refer to " + pinned);
    }
    if (key.isPresent()) {
      for (String d : List.of(image.digest(), art.digest())) {
        if (!verifier.signedBy(ref, d, key.get())) {
          throw fail(
              cell,
              ref.name()
                  + "@"
                  + d
                  + " has no signature by key "
                  + key.get().fingerprint()
                  + "; nothing fetched");
        }
      }
    }
    List<Descriptor> files = files(cell, doc);
    String sha256 =
        new JSONObject(new String(registry.manifest(pinned).bytes(), StandardCharsets.UTF_8))
            .optJSONObject("annotations", new JSONObject())
            .optString("dev.osimages.lz4-sha256");
    long bytes = 0;
    try (SetInstall install = SetInstall.begin(cell, target)) {
      for (Descriptor f : files) {
        long size = f.size();
        registry.fetchBlob(
            ref,
            f,
            install.dir().resolve(f.annotations().get(SetArtifact.TITLE)),
            n -> events.on(new Progress(cell, Stage.PUSH, n, size, Progress.Unit.BYTES_READ)));
        bytes += size;
      }
      install.commit(sha256.isEmpty() ? Optional.empty() : Optional.of(sha256));
    }
    return new FetchResult(
        cell, ref.toString(), image.digest(), art.digest(), bytes, key.isPresent());
  }

  /** The artifact's files: each a set file name, none twice, every required one there. */
  private static List<Descriptor> files(String cell, JSONObject doc) {
    List<Descriptor> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Object o : doc.getJSONArray("layers")) {
      Descriptor d = Descriptor.fromJson((JSONObject) o);
      String name = d.annotations().getOrDefault(SetArtifact.TITLE, "");
      if (!NAMES.contains(name) || !seen.add(name)) {
        throw fail(cell, "the set artifact names an unexpected or repeated file '" + name + "'");
      }
      out.add(d);
    }
    List<String> missing = ImageSet.FILES.stream().filter(n -> !seen.contains(n)).toList();
    if (!missing.isEmpty()) {
      throw fail(cell, "the set artifact lacks " + String.join(", ", missing));
    }
    return out;
  }

  private static EngineException fail(String cell, String why) {
    return new EngineException(cell + ": fetch: " + why, ExitCode.FAILED);
  }
}
