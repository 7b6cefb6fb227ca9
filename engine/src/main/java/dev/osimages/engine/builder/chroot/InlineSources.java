package dev.osimages.engine.builder.chroot;

import dev.osimages.engine.host.Digests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The sources of a COPY or ADD that are no files of a context or stage: here-documents (a file
 * named after the delimiter, mode 0644, as BuildKit makes it) and downloads of {@code ADD URL} (a
 * file named after the URL's last path segment, mode 0600, its time the server's Last-Modified).
 * They are written as files into the step's work directory and copied like any other file, never
 * extracted.
 */
final class InlineSources {
  /** One source: its file name, bytes (inline) or cached file, mode and time. */
  record Inline(
      String name,
      Optional<byte[]> bytes,
      Optional<Path> file,
      int mode,
      Optional<FileTime> mtime) {
    /** The cache key part: name, mode and the content's digest (never the time). */
    String key() {
      String digest =
          bytes
              .map(b -> Digests.of(new String(b, StandardCharsets.ISO_8859_1)))
              .orElseGet(() -> Digests.ofFile(file.orElseThrow()));
      return name + "\0" + Integer.toOctalString(mode) + "\0" + digest;
    }
  }

  private final List<Inline> sources = new ArrayList<>();

  void heredoc(String name, String text) {
    sources.add(
        new Inline(
            name,
            Optional.of(text.getBytes(StandardCharsets.UTF_8)),
            Optional.empty(),
            0644,
            Optional.empty()));
  }

  void download(String name, Path content, Optional<FileTime> mtime) {
    sources.add(new Inline(name, Optional.empty(), Optional.of(content), 0600, mtime));
  }

  boolean isEmpty() {
    return sources.isEmpty();
  }

  int size() {
    return sources.size();
  }

  /** The cache key part of all of them, in order. */
  String key() {
    return Digests.of(sources.stream().map(Inline::key).toArray(String[]::new));
  }

  /** Writes every source as a file under {@code dir} (one directory each); returns the files. */
  List<Path> write(Path dir) {
    List<Path> out = new ArrayList<>();
    try {
      for (int i = 0; i < sources.size(); i++) {
        Inline s = sources.get(i);
        Path f = Files.createDirectories(dir.resolve(Integer.toString(i))).resolve(s.name());
        if (s.bytes().isPresent()) {
          Files.write(f, s.bytes().get());
        } else {
          Files.copy(s.file().orElseThrow(), f);
        }
        Files.setAttribute(f, "unix:mode", s.mode());
        if (s.mtime().isPresent()) {
          Files.setLastModifiedTime(f, s.mtime().get());
        }
        out.add(f);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the inline sources in " + dir, e);
    }
    return out;
  }
}
