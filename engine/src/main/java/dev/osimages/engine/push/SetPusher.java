package dev.osimages.engine.push;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.event.EventListener;
import dev.osimages.engine.event.Progress;
import dev.osimages.engine.event.Stage;
import dev.osimages.engine.event.StageStarted;
import dev.osimages.engine.export.CheckedSets;
import dev.osimages.engine.export.ImageSet;
import dev.osimages.engine.registry.BlobCache;
import dev.osimages.engine.registry.Content;
import dev.osimages.engine.registry.Descriptor;
import dev.osimages.engine.registry.ImageRef;
import dev.osimages.engine.registry.RegistryClient;
import dev.osimages.engine.registry.RegistryException;
import dev.osimages.engine.signing.SigningKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.json.JSONObject;

/**
 * Pushes one published set as an OCI image: the set must pass its checksums ({@link CheckedSets});
 * its layer is made once ({@link RootfsLayer}); when every target tag already names the resulting
 * manifest nothing is sent; otherwise the blobs go first (HEAD, mount from a repository pushed to
 * before, upload), then the manifest by digest, the set's files as an artifact referring to the
 * image ({@link SetArtifact}), with a signing key the image's signature and attestations and the
 * artifact's signature ({@link SignedAttachments}), and the manifest is stored under each tag last,
 * so a tag never names an image whose blobs, set, signature or attestations the registry lacks.
 */
public final class SetPusher {
  private final RegistryClient registry;
  private final BlobCache blobs;
  private final RootfsLayer layers;
  private final SignedAttachments attachments;
  private final SetArtifact sets;
  private final CheckedSets checked;
  private final EventListener events;

  /**
   * @param stateRegistry the state directory's {@code registry/} (blob cache)
   * @param records where made layers are recorded ({@code <state>/push})
   */
  public SetPusher(
      RegistryClient registry,
      Path stateRegistry,
      Path records,
      CheckedSets checked,
      EventListener events) {
    this.registry = registry;
    this.blobs = new BlobCache(stateRegistry);
    this.layers = new RootfsLayer(blobs, records);
    this.attachments = new SignedAttachments(new CosignSideImage(registry, blobs));
    this.sets = new SetArtifact(registry, blobs);
    this.checked = checked;
    this.events = events;
  }

  /** Pushes the set {@code request} names. */
  public PushResult push(PushRequest request) {
    String cell = request.cell();
    Path dir = request.setDir();
    if (!checked.sound(dir)) {
      throw new EngineException(
          cell + ": push: the set in " + dir + " is missing or fails its checksums; not pushed",
          ExitCode.FAILED);
    }
    JSONObject manifest = readManifest(dir);
    RootfsLayer.Made layer =
        layers.of(
            cell,
            dir.resolve(ImageSet.TARBALL),
            manifest.getString("sha256"),
            request.compression(),
            events);
    String created = manifest.optString("created", "1970-01-01T00:00:00Z");
    ImageMetadata meta =
        ImageMetadata.of(cell, request.dockerfile(), manifest.optString("inputHash"));
    Content config =
        ImageDocuments.config(
            request.platform(), meta.labels(), meta.env(), layer.diffId(), created);
    Content image = image(request, manifest, config, layer);
    List<ImageRef> stale = request.targets().stream().filter(t -> !names(t, image)).toList();
    List<String> refs =
        request.targets().stream().map(t -> t.withDigest(image.digest()).toString()).toList();
    long sent = 0;
    if (!stale.isEmpty()) {
      Path configFile = blobs.store(config);
      Optional<ImageRef> mountFrom = Optional.empty();
      for (ImageRef target : distinctRepositories(stale)) {
        sent += pushBlob(cell, target, layer.layer(), layer.file(), mountFrom);
        pushBlob(cell, target, config.descriptor(), configFile, mountFrom);
        // By digest first: the signature goes in before any tag names the image.
        registry.pushManifest(target.withDigest(image.digest()), image);
        mountFrom = Optional.of(target);
      }
    }
    long extras = pushExtras(request, manifest, image);
    sent += extras;
    for (ImageRef target : stale) {
      registry.pushManifest(target, image);
    }
    boolean pushed = !stale.isEmpty() || extras > 0;
    return new PushResult(
        cell, image.digest(), refs, pushed, sent, request.signingKey().isPresent());
  }

  /** The image manifest: the config, the layer and the set's annotations. */
  private static Content image(
      PushRequest request, JSONObject manifest, Content config, RootfsLayer.Made layer) {
    Map<String, String> annotations = new TreeMap<>(request.annotations());
    annotations.put(
        "org.opencontainers.image.created", manifest.optString("created", "1970-01-01T00:00:00Z"));
    annotations.put("dev.osimages.input-hash", manifest.optString("inputHash"));
    annotations.put("dev.osimages.built-with", manifest.optString("builtWith"));
    annotations.put("dev.osimages.lz4-sha256", manifest.getString("sha256"));
    return ImageDocuments.manifest(config.descriptor(), layer.layer(), annotations);
  }

  /**
   * What goes beside the image (already in each repository by digest): the set artifact and, with a
   * key, the signatures and attestations. Returns the bytes sent.
   */
  private long pushExtras(PushRequest request, JSONObject manifest, Content image) {
    String cell = request.cell();
    Path dir = request.setDir();
    Content artifact =
        SetArtifact.manifest(
            dir,
            manifest.getString("sha256"),
            image.descriptor(),
            Map.of(
                "dev.osimages.cell",
                cell,
                "dev.osimages.input-hash",
                manifest.optString("inputHash")));
    long sent = 0;
    for (ImageRef repo : distinctRepositories(request.targets())) {
      events.on(new StageStarted(cell, Stage.PUSH, repo.name() + " set artifact"));
      sent += sets.push(repo, dir, artifact, image.descriptor(), progress(cell, -1));
      if (request.signingKey().isPresent()) {
        SigningKey key = request.signingKey().get();
        events.on(new StageStarted(cell, Stage.PUSH, repo.name() + " signature, attestations"));
        sent += attachments.attach(cell, repo, image.digest(), dir, manifest, key);
        sent += attachments.signArtifact(cell, repo, artifact.digest(), key);
      }
    }
    return sent;
  }

  private long pushBlob(
      String cell, ImageRef repo, Descriptor blob, Path file, Optional<ImageRef> mountFrom) {
    events.on(
        new StageStarted(cell, Stage.PUSH, repo.name() + " " + blob.digest().substring(0, 19)));
    RegistryClient.BlobPush how =
        registry.pushBlob(repo, blob, file, mountFrom, progress(cell, blob.size()));
    return how == RegistryClient.BlobPush.UPLOADED ? blob.size() : 0;
  }

  private java.util.function.LongConsumer progress(String cell, long total) {
    return done -> events.on(new Progress(cell, Stage.PUSH, done, total, Progress.Unit.BYTES_SENT));
  }

  /** True when {@code target}'s tag already names {@code image}. */
  private boolean names(ImageRef target, Content image) {
    try {
      return registry.resolve(target).digest().equals(image.digest());
    } catch (RegistryException e) {
      if (e.status() == 404) {
        return false;
      }
      throw e;
    }
  }

  private static List<ImageRef> distinctRepositories(List<ImageRef> targets) {
    List<ImageRef> out = new ArrayList<>();
    for (ImageRef t : targets) {
      if (out.stream().noneMatch(o -> o.name().equals(t.name()))) {
        out.add(t);
      }
    }
    return out;
  }

  private static JSONObject readManifest(Path dir) {
    Path m = dir.resolve(ImageSet.MANIFEST);
    try {
      return new JSONObject(Files.readString(m));
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + m, e);
    }
  }
}
