package dev.osimages.engine.registry;

import dev.osimages.engine.ExitCode;
import dev.osimages.engine.event.EventListener;
import dev.osimages.engine.event.Progress;
import dev.osimages.engine.event.Stage;
import dev.osimages.engine.event.StageFinished;
import dev.osimages.engine.event.Warning;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;

/**
 * Pulls an image without a daemon into the {@link BlobCache}: the reference resolved as the
 * container tools do ({@link ShortNames}), the tag resolved or taken from the cache as the {@link
 * PullPolicy} says, an index narrowed to the platform, then the config and each layer fetched
 * unless cached (verified, resumable). Nothing is used before it is complete and verified.
 *
 * <p>A puller serves one command: a reference it pulled once is not resolved again (the cells of
 * one run build on the same digest, and a run of many cells asks the registry once), except under
 * {@link PullPolicy#ALWAYS}.
 */
public final class ImagePuller {
  private final Supplier<? extends RegistryClient> clients;
  private RegistryClient client;
  private final BlobCache cache;
  private final PullPolicy policy;
  private final String platform;
  private final Map<String, PulledImage> pulled = new HashMap<>();

  /**
   * @param platform {@code os/architecture[/variant]}, e.g. {@code linux/amd64}
   */
  ImagePuller(
      Supplier<? extends RegistryClient> clients,
      BlobCache cache,
      PullPolicy policy,
      String platform) {
    this.clients = clients;
    this.cache = cache;
    this.policy = policy;
    this.platform = platform;
  }

  /** Pulls {@code text} for {@code cell}, reporting progress and warnings to {@code events}. */
  public synchronized PulledImage pull(String cell, String text, EventListener events) {
    if (client == null) {
      // Made on first use: a build without registry bases never reads registries.conf.
      client = clients.get();
    }
    PulledImage before = policy == PullPolicy.ALWAYS ? null : pulled.get(text);
    if (before != null) {
      events.on(
          new StageFinished(cell, Stage.BUILD, "pull " + before.pinned(), true, Duration.ZERO));
      return before;
    }
    List<ImageRef> candidates = client.shortNames().candidates(text);
    List<String> failures = new ArrayList<>();
    long t0 = System.nanoTime();
    for (ImageRef ref : candidates) {
      try {
        Content top = top(cell, ref, events);
        ImageRef pinned = ref.withDigest(top.digest());
        Content manifest = platformManifest(pinned, top);
        PulledImage image = layers(cell, pinned, manifest, events);
        events.on(
            new StageFinished(
                cell,
                Stage.BUILD,
                "pull " + pinned,
                true,
                Duration.ofNanos(System.nanoTime() - t0)));
        pulled.put(text, image);
        return image;
      } catch (RegistryException e) {
        if (candidates.size() == 1) {
          throw e;
        }
        failures.add(e.getMessage());
      }
    }
    throw new RegistryException(text + ": no registry had it: " + String.join("; ", failures), -1);
  }

  /** The index or manifest the reference names, from the cache or the registry. */
  private Content top(String cell, ImageRef ref, EventListener events) {
    if (ref.digest().isPresent()) {
      Optional<Content> cached = cached(ref.digest().get());
      if (cached.isPresent()) {
        return cached.get();
      }
      return store(ref, client.manifest(ref));
    }
    Optional<Content> pinned = cache.pinned(ref).flatMap(this::cached);
    if (pinned.isPresent() && (policy == PullPolicy.MISSING || policy == PullPolicy.NEVER)) {
      return pinned.get();
    }
    if (policy == PullPolicy.NEVER) {
      throw new RegistryException(
          ref + ": not pulled before, and --pull never asks no registry",
          -1,
          ExitCode.INVALID,
          null);
    }
    try {
      Content c = store(ref, client.manifest(ref));
      cache.pin(ref, c.digest());
      return c;
    } catch (RegistryException e) {
      if (policy == PullPolicy.REFRESH && pinned.isPresent() && e.status() == 0) {
        events.on(
            new Warning(
                cell,
                e.getMessage() + "; building on the copy pulled before, " + pinned.get().digest()));
        return pinned.get();
      }
      throw e;
    }
  }

  private Optional<Content> cached(String digest) {
    return cache.get(digest).map(b -> Content.of(mediaTypeOf(b), b));
  }

  private Content store(ImageRef ref, Content c) {
    cache.put(c);
    return c;
  }

  /** The manifest for this puller's platform: {@code top} itself, or the one its index lists. */
  private Content platformManifest(ImageRef pinned, Content top) {
    if (!MediaTypes.isIndex(top.mediaType())) {
      return top;
    }
    List<Descriptor> ms = OrasRegistryClient.manifestsOf(pinned, text(top));
    List<String> offered = new ArrayList<>();
    for (Descriptor d : ms) {
      String p = d.platform().orElse("unknown");
      offered.add(p);
      if (matches(p) && MediaTypes.isManifest(d.mediaType())) {
        ImageRef at = pinned.withDigest(d.digest());
        return cached(d.digest()).orElseGet(() -> store(at, client.manifest(at)));
      }
    }
    throw new RegistryException(
        pinned
            + ": no manifest for "
            + platform
            + "; the index offers "
            + String.join(", ", offered),
        -1);
  }

  private boolean matches(String p) {
    // linux/amd64 matches linux/amd64/v1 and the like; a requested variant must match exactly.
    return p.equals(platform) || (platform.split("/").length == 2 && p.startsWith(platform + "/"));
  }

  private PulledImage layers(String cell, ImageRef pinned, Content manifest, EventListener events) {
    try {
      JSONObject m = new JSONObject(text(manifest));
      Descriptor config = Descriptor.fromJson(m.getJSONObject("config"));
      Path configFile = fetch(cell, pinned, config, events);
      checkPlatform(pinned, configFile);
      JSONArray ls = m.getJSONArray("layers");
      List<Descriptor> layers = new ArrayList<>();
      List<Path> files = new ArrayList<>();
      for (int i = 0; i < ls.length(); i++) {
        Descriptor d = Descriptor.fromJson(ls.getJSONObject(i));
        LayerFormats.check(pinned, d);
        layers.add(d);
        files.add(fetch(cell, pinned, d, events));
      }
      return new PulledImage(pinned, manifest, configFile, layers, files);
    } catch (JSONException e) {
      throw new RegistryException(pinned + ": not an image manifest: " + e.getMessage(), -1);
    }
  }

  private Path fetch(String cell, ImageRef repo, Descriptor d, EventListener events) {
    Path file = cache.blob(d.digest());
    if (!cache.has(d.digest())) {
      client.fetchBlob(
          repo,
          d,
          file,
          done ->
              events.on(new Progress(cell, Stage.BUILD, done, d.size(), Progress.Unit.BYTES_READ)));
    }
    return file;
  }

  private void checkPlatform(ImageRef pinned, Path configFile) {
    try {
      JSONObject c = new JSONObject(Files.readString(configFile));
      String p =
          c.optString("os")
              + "/"
              + c.optString("architecture")
              + (c.optString("variant").isEmpty() ? "" : "/" + c.optString("variant"));
      if (!matches(p)) {
        throw new RegistryException(pinned + ": the image is for " + p + ", not " + platform, -1);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + configFile, e);
    } catch (JSONException e) {
      throw new RegistryException(pinned + ": its config is not JSON: " + e.getMessage(), -1);
    }
  }

  private static String text(Content c) {
    return new String(c.bytes(), StandardCharsets.UTF_8);
  }

  /** A cached manifest's media type, from its own {@code mediaType} field (or its shape). */
  static String mediaTypeOf(byte[] bytes) {
    JSONObject o = new JSONObject(new String(bytes, StandardCharsets.UTF_8));
    String t = o.optString("mediaType", "");
    if (!t.isEmpty()) {
      return t;
    }
    return o.has("manifests") ? MediaTypes.OCI_INDEX : MediaTypes.OCI_MANIFEST;
  }
}
