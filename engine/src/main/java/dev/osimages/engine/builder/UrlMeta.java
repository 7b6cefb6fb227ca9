package dev.osimages.engine.builder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/** What the last download of a URL answered: the content's digest, ETag and Last-Modified. */
record UrlMeta(String digest, Optional<String> etag, Optional<String> lastModified) {
  static final UrlMeta NONE = new UrlMeta("", Optional.empty(), Optional.empty());

  static UrlMeta read(Path file) {
    if (!Files.isRegularFile(file)) {
      return NONE;
    }
    Properties p = new Properties();
    try (var r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      return NONE; // a damaged record only costs a full download
    }
    return new UrlMeta(
        p.getProperty("digest", ""),
        Optional.ofNullable(p.getProperty("etag")),
        Optional.ofNullable(p.getProperty("lastModified")));
  }

  /** Written through a temporary file and a rename, so a reader never sees half of it. */
  void write(Path file) {
    Properties p = new Properties();
    p.setProperty("digest", digest);
    etag.ifPresent(e -> p.setProperty("etag", e));
    lastModified.ifPresent(m -> p.setProperty("lastModified", m));
    try {
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), ".tmp-", ".properties");
      try (var w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        p.store(w, null);
      }
      Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record the download in " + file, e);
    }
  }
}
