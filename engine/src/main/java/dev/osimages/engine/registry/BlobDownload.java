package dev.osimages.engine.registry;

import dev.osimages.engine.host.Digests;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * One blob fetched into {@code <target>.partial}: an attempt asks for the bytes it lacks ({@code
 * Range}), appends them, and when the size is reached checks the digest and renames the file to
 * {@code target}. A connection that breaks or a short body leaves the partial file for the next
 * attempt (a transient failure, retried); a digest mismatch removes it.
 */
final class BlobDownload {
  private final RegistryHttp http;
  private final ImageRef repo;
  private final Descriptor blob;
  private final Path target;
  private final Path partial;
  private final LongConsumer progress;
  // The digest of the partial file's bytes, kept across attempts so nothing is read twice.
  private MessageDigest sha;
  private long hashed;

  BlobDownload(RegistryHttp http, ImageRef repo, Descriptor blob, Path target, LongConsumer p) {
    this.http = http;
    this.repo = repo;
    this.blob = blob;
    this.target = target;
    this.partial = target.resolveSibling(target.getFileName() + ".partial");
    this.progress = p;
  }

  void attempt() {
    try {
      Files.createDirectories(target.getParent());
      long have = Files.isRegularFile(partial) ? Files.size(partial) : 0;
      if (have > blob.size()) {
        Files.delete(partial);
        have = 0;
      }
      if (sha == null || hashed != have) {
        hashPartial(have);
      }
      if (have < blob.size()) {
        fetchFrom(have);
      }
      finish();
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + partial, e);
    }
  }

  private void fetchFrom(long have) throws IOException {
    Map<String, String> headers = have > 0 ? Map.of("Range", "bytes=" + have + "-") : Map.of();
    var r = http.download(repo, http.uri(repo, "/blobs/" + blob.digest()), headers);
    try (InputStream in = r.body()) {
      if (r.status() == 416 && have > 0) {
        // Asked for the bytes after the ones we have: the registry has no more.
        Files.delete(partial);
        throw new RegistryException(
            repo
                + ": blob "
                + blob.digest()
                + " is truncated: the registry has only "
                + have
                + " of "
                + blob.size()
                + " bytes (it answered 416 to a request for the rest)",
            -1);
      }
      if (r.status() != 200 && r.status() != 206) {
        String body = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
        throw http.failure(
            repo,
            "blob " + blob.digest(),
            new RegistryHttp.Response<>(r.status(), r.headers(), body));
      }
      boolean append = r.status() == 206;
      long done = append ? have : 0;
      if (!append) {
        sha.reset();
        hashed = 0;
      }
      try (FileChannel ch =
              FileChannel.open(
                  partial,
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE,
                  append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
          OutputStream out = Channels.newOutputStream(ch)) {
        byte[] buf = new byte[1 << 17];
        for (int n; (n = read(in, buf, done)) > 0; ) {
          out.write(buf, 0, n);
          sha.update(buf, 0, n);
          hashed += n;
          done += n;
          progress.accept(done);
        }
        ch.force(false);
      }
    }
  }

  /** Reads from the body; a broken connection is a transient failure (the next attempt resumes). */
  private int read(InputStream in, byte[] buf, long done) {
    try {
      return in.read(buf);
    } catch (IOException e) {
      throw new RegistryException(
          repo
              + ": blob "
              + blob.digest()
              + ": the connection broke after "
              + done
              + " of "
              + blob.size()
              + " bytes: "
              + e.getMessage(),
          0);
    }
  }

  /** Digests the first {@code have} bytes of a partial file left by an earlier run. */
  private void hashPartial(long have) throws IOException {
    sha = Digests.sha256();
    hashed = 0;
    if (have == 0) {
      return;
    }
    try (InputStream in = Files.newInputStream(partial)) {
      byte[] buf = new byte[1 << 17];
      for (int n;
          hashed < have && (n = in.read(buf, 0, (int) Math.min(buf.length, have - hashed))) > 0; ) {
        sha.update(buf, 0, n);
        hashed += n;
      }
    }
  }

  private static String hex(MessageDigest d) {
    try {
      return HexFormat.of().formatHex(((MessageDigest) d.clone()).digest());
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("SHA-256 digests can be cloned in every JDK", e);
    }
  }

  private void finish() throws IOException {
    long size = Files.size(partial);
    if (size < blob.size()) {
      throw new RegistryException(
          repo
              + ": blob "
              + blob.digest()
              + " is truncated: "
              + size
              + " of "
              + blob.size()
              + " bytes arrived",
          0);
    }
    String got = "sha256:" + hex(sha);
    if (!got.equals(blob.digest()) || size != blob.size()) {
      Files.delete(partial);
      throw new RegistryException(
          repo
              + ": blob digest mismatch: expected "
              + blob.digest()
              + " ("
              + blob.size()
              + " bytes), got "
              + got
              + " ("
              + size
              + " bytes)",
          -1);
    }
    Files.move(
        partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
