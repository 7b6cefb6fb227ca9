package dev.osimages.engine.push;

import com.github.luben.zstd.ZstdOutputStream;
import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.event.EventListener;
import dev.osimages.engine.event.Progress;
import dev.osimages.engine.event.Stage;
import dev.osimages.engine.event.StageStarted;
import dev.osimages.engine.export.lz4.Lz4Input;
import dev.osimages.engine.files.AtomicFiles;
import dev.osimages.engine.host.Digests;
import dev.osimages.engine.registry.BlobCache;
import dev.osimages.engine.registry.Descriptor;
import dev.osimages.engine.registry.MediaTypes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.json.JSONObject;

/**
 * The one layer of a pushed image: the tar inside {@code img.tar.lz4}, decompressed as a stream and
 * compressed again with gzip or zstd into the blob cache, in one pass that also digests the tar
 * (the config's {@code diff_id}) and the layer (its descriptor). Made once per set content and
 * compression: a record under {@code <state>/push/} names the cached result.
 */
final class RootfsLayer {
  /** The layer and the digest of its uncompressed tar. */
  record Made(Descriptor layer, String diffId, Path file) {}

  private final BlobCache blobs;
  private final Path records;

  RootfsLayer(BlobCache blobs, Path records) {
    this.blobs = blobs;
    this.records = records;
  }

  /** The layer of {@code tarball} (whose sha256 is {@code sha256}), made if not cached. */
  Made of(String cell, Path tarball, String sha256, String compression, EventListener events) {
    Path record = records.resolve(sha256 + "-" + compression + ".json");
    try {
      if (Files.isRegularFile(record)) {
        JSONObject r = new JSONObject(Files.readString(record, StandardCharsets.UTF_8));
        Path file = blobs.blob(r.getString("digest"));
        if (Files.isRegularFile(file) && Files.size(file) == r.getLong("size")) {
          return new Made(
              Descriptor.of(r.getString("mediaType"), r.getString("digest"), r.getLong("size")),
              r.getString("diffId"),
              file);
        }
      }
      Made m = make(cell, tarball, compression, events);
      AtomicFiles.write(
          record,
          new JSONObject()
              .put("mediaType", m.layer().mediaType())
              .put("digest", m.layer().digest())
              .put("size", m.layer().size())
              .put("diffId", m.diffId())
              .toString());
      return m;
    } catch (IOException e) {
      throw new EngineException(
          cell + ": push: cannot make the layer of " + tarball + ": " + e.getMessage(),
          ExitCode.FAILED,
          e);
    }
  }

  private Made make(String cell, Path tarball, String compression, EventListener events)
      throws IOException {
    Path tmp =
        blobs
            .blob("sha256:" + "0".repeat(64))
            .resolveSibling(".layer-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
    Files.createDirectories(tmp.getParent());
    MessageDigest tarDigest = Digests.sha256();
    MessageDigest layerDigest = Digests.sha256();
    events.on(new StageStarted(cell, Stage.PUSH, "layer " + compression));
    try {
      try (InputStream in = Lz4Input.open(tarball);
          OutputStream file = Files.newOutputStream(tmp);
          DigestOutputStream digested = new DigestOutputStream(file, layerDigest);
          OutputStream compressed = compressor(compression, digested)) {
        byte[] buf = new byte[1 << 20];
        long done = 0;
        for (int n; (n = in.read(buf)) > 0; ) {
          tarDigest.update(buf, 0, n);
          compressed.write(buf, 0, n);
          done += n;
          events.on(new Progress(cell, Stage.PUSH, done, -1, Progress.Unit.BYTES_READ));
        }
      }
      String digest = "sha256:" + HexFormat.of().formatHex(layerDigest.digest());
      Path target = blobs.blob(digest);
      long size = Files.size(tmp);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      String type =
          compression.equals("zstd") ? MediaTypes.OCI_LAYER_ZSTD : MediaTypes.OCI_LAYER_GZIP;
      return new Made(
          Descriptor.of(type, digest, size),
          "sha256:" + HexFormat.of().formatHex(tarDigest.digest()),
          target);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static OutputStream compressor(String compression, OutputStream out) throws IOException {
    if (compression.equals("zstd")) {
      ZstdOutputStream z = new ZstdOutputStream(out, 3);
      z.setWorkers(Runtime.getRuntime().availableProcessors());
      return z;
    }
    return new ParallelGzipOutputStream(out, Runtime.getRuntime().availableProcessors());
  }
}
