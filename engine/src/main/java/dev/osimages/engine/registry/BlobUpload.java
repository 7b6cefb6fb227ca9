package dev.osimages.engine.registry;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * One blob made present in a repository: HEAD first (nothing is sent for a blob the repository
 * has), then a cross-repository mount when a source repository on the same registry is known, else
 * a monolithic upload (POST for a session, PUT of the file with its digest). A failed attempt
 * leaves nothing the registry would use: an upload session that was not completed holds no blob.
 */
final class BlobUpload {
  private final RegistryHttp http;
  private final ImageRef repo;
  private final Descriptor blob;
  private final Path file;
  private final LongConsumer progress;

  BlobUpload(RegistryHttp http, ImageRef repo, Descriptor blob, Path file, LongConsumer progress) {
    this.http = http;
    this.repo = repo;
    this.blob = blob;
    this.file = file;
    this.progress = progress;
  }

  RegistryClient.BlobPush push(Optional<ImageRef> mountFrom) {
    var head = http.head(repo, http.uri(repo, "/blobs/" + blob.digest()), Map.of());
    if (head.status() == 200) {
      return RegistryClient.BlobPush.PRESENT;
    }
    String query = "";
    if (mountFrom.isPresent()
        && mountFrom.get().host().equals(repo.host())
        && !mountFrom.get().repository().equals(repo.repository())) {
      query =
          "?mount="
              + blob.digest()
              + "&from="
              + URLEncoder.encode(mountFrom.get().repository(), StandardCharsets.UTF_8);
    }
    var started =
        http.post(
            repo,
            http.uri(repo, "/blobs/uploads/" + query),
            Map.of("Content-Type", "application/octet-stream"));
    if (started.status() == 201 && !query.isEmpty()) {
      return RegistryClient.BlobPush.MOUNTED;
    }
    if (started.status() != 202) {
      throw http.failure(repo, "starting the upload of " + blob.digest(), started);
    }
    String location =
        started
            .header("location")
            .orElseThrow(
                () ->
                    new RegistryException(
                        repo + ": the registry started an upload without a Location", -1));
    URI put = withDigest(http.absolute(repo, location));
    var done =
        http.putStream(
            repo, put, blob.size(), this::open, Map.of("Content-Type", "application/octet-stream"));
    if (done.status() != 201) {
      throw http.failure(repo, "uploading " + blob.digest(), done);
    }
    return RegistryClient.BlobPush.UPLOADED;
  }

  private URI withDigest(URI location) {
    String s = location.toString();
    return URI.create(s + (s.contains("?") ? "&" : "?") + "digest=" + blob.digest());
  }

  private InputStream open() {
    try {
      return new Counting(Files.newInputStream(file), progress);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    }
  }

  /** Reports the bytes read so far: upload progress. */
  private static final class Counting extends FilterInputStream {
    private final LongConsumer progress;
    private long count;

    Counting(InputStream in, LongConsumer progress) {
      super(in);
      this.progress = progress;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
        progress.accept(count);
      }
      return n;
    }
  }
}
