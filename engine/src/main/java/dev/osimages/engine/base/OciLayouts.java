package dev.osimages.engine.base;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.host.Digests;
import dev.osimages.engine.host.HostCommand;
import dev.osimages.engine.host.Tarballs;
import dev.osimages.engine.host.Trees;
import dev.osimages.engine.json.JsonObject;
import dev.osimages.engine.json.MalformedJsonException;
import dev.osimages.engine.registry.PulledImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Turns an OCI image layout into overlay layers: each image layer is extracted (and its digest
 * checked) into its own empty directory, then OCI whiteouts become overlayfs ones ({@code .wh.X} a
 * 0/0 character device {@code X}, {@code .wh..wh..opq} the opaque attribute on its directory).
 * Layers of one manifest are cached under {@code <cache>/oci-<manifest digest>}.
 */
final class OciLayouts {
  private final Path cache;

  OciLayouts(Path cache) {
    this.cache = cache;
  }

  ResolvedBase resolve(Path layout, Consumer<String> lines) {
    try {
      JsonObject manifest = manifest(layout);
      return extract(manifest, d -> blob(layout, d), lines);
    } catch (IOException e) {
      throw new UncheckedIOException("reading OCI layout " + layout, e);
    } catch (MalformedJsonException e) {
      throw new EngineException(
          "OCI layout " + layout + ": " + e.getMessage(), ExitCode.INVALID, e);
    }
  }

  /** The layers of a pulled image, from the blob cache; the pinned reference is kept. */
  ResolvedBase resolve(PulledImage image, Consumer<String> lines) {
    JsonObject manifest =
        JsonObject.parse(new String(image.manifest().bytes(), StandardCharsets.UTF_8));
    Map<String, Path> files = new HashMap<>();
    for (int i = 0; i < image.layers().size(); i++) {
      files.put(image.layers().get(i).digest(), image.files().get(i));
    }
    try {
      ResolvedBase r =
          extract(manifest, d -> checked(files.get(d), d, "image " + image.pinned()), lines);
      return new ResolvedBase(
          r.key(), r.layers(), r.made(), Optional.of(image.pinned().toString()));
    } catch (IOException e) {
      throw new UncheckedIOException("extracting " + image.pinned(), e);
    }
  }

  private ResolvedBase extract(
      JsonObject manifest, Function<String, Path> blobs, Consumer<String> lines)
      throws IOException {
    String id = Digests.of("oci-v1", manifest.toString());
    Path dir = cache.resolve("oci-" + id.substring(0, 32));
    List<JsonObject> layers = manifest.objects("layers");
    boolean made = !Files.isDirectory(dir);
    if (made) {
      Files.createDirectories(cache);
      Path work = Files.createTempDirectory(cache, ".tmp-oci-");
      try {
        for (int i = 0; i < layers.size(); i++) {
          Path blob = blobs.apply(layers.get(i).string("digest"));
          Path target = Files.createDirectory(work.resolve(Integer.toString(i)));
          Tarballs.extract(blob, target, lines);
          convertWhiteouts(target);
        }
        Trees.publish(work, dir);
      } finally {
        Trees.delete(work);
      }
    }
    List<Path> out = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      out.add(dir.resolve(Integer.toString(i)));
    }
    return new ResolvedBase(id, out, made);
  }

  private static JsonObject manifest(Path layout) throws IOException {
    JsonObject index = JsonObject.parse(Files.readString(layout.resolve("index.json")));
    while (true) {
      JsonObject chosen = null;
      for (JsonObject m : index.objects("manifests")) {
        Optional<JsonObject> p = m.object("platform");
        if (p.isEmpty() || "amd64".equals(p.get().string("architecture", ""))) {
          chosen = m;
          break;
        }
      }
      if (chosen == null) {
        throw new EngineException(
            "OCI layout " + layout + " has no manifest for amd64", ExitCode.INVALID);
      }
      JsonObject next = JsonObject.parse(Files.readString(blob(layout, chosen.string("digest"))));
      if (next.has("layers")) {
        return next;
      }
      index = next;
    }
  }

  private static Path blob(Path layout, String digest) {
    String[] p = digest.split(":", 2);
    if (p.length != 2 || !p[0].equals("sha256") || !p[1].matches("[0-9a-f]{64}")) {
      throw new EngineException(
          "OCI layout " + layout + ": unsupported digest " + digest, ExitCode.INVALID);
    }
    return checked(
        layout.resolve("blobs").resolve("sha256").resolve(p[1]), digest, "OCI layout " + layout);
  }

  /** {@code blob}, once it is shown to be there and to have {@code digest}. */
  private static Path checked(Path blob, String digest, String what) {
    if (blob == null || !Files.isRegularFile(blob, LinkOption.NOFOLLOW_LINKS)) {
      throw new EngineException(what + ": missing blob " + digest, ExitCode.INVALID);
    }
    if (!("sha256:" + Digests.ofFile(blob)).equals(digest)) {
      throw new EngineException(what + ": blob " + digest + " is corrupt", ExitCode.INVALID);
    }
    return blob;
  }

  private static void convertWhiteouts(Path layer) throws IOException {
    List<Path> marks;
    try (Stream<Path> s = Files.walk(layer)) {
      marks = s.filter(p -> p.getFileName().toString().startsWith(".wh.")).toList();
    }
    for (Path m : marks) {
      String name = m.getFileName().toString();
      Files.delete(m);
      if (name.equals(".wh..wh..opq")) {
        UserDefinedFileAttributeView v =
            Files.getFileAttributeView(m.getParent(), UserDefinedFileAttributeView.class);
        v.write("overlay.opaque", java.nio.ByteBuffer.wrap(new byte[] {'y'}));
      } else {
        Path target = m.resolveSibling(name.substring(4));
        HostCommand.output(List.of("mknod", target.toString(), "c", "0", "0"));
      }
    }
  }
}
