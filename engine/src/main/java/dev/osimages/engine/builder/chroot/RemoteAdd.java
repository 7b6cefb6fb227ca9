package dev.osimages.engine.builder.chroot;

import dev.osimages.engine.builder.RemoteFiles;
import dev.osimages.engine.event.Warning;
import dev.osimages.engine.host.Digests;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The parts of ADD that go beyond copying: {@code --checksum=sha256:HEX} (for a URL, and as an
 * extension of this engine for a local file too), and fetching {@code http(s)://} sources through
 * the download cache. An unpinned URL is reported as a warning naming the digest that would pin it.
 * Every failure names the cell, the Dockerfile line and the instruction.
 */
final class RemoteAdd {
  private final BuildSession s;
  private final int line;
  private final String text;

  RemoteAdd(BuildSession s, int line, String text) {
    this.s = s;
    this.line = line;
    this.text = text;
  }

  /** True for the sources ADD fetches; git sources are refused by {@link #fetch}. */
  static boolean isUrl(String source) {
    return source.matches("(?i)^(https?|git|ssh)://.*") || source.startsWith("git@");
  }

  /** The 64 hex digits of {@code --checksum=sha256:HEX}, failing (exit 2) on any other form. */
  static Optional<String> pin(Optional<String> checksum, StageBuilder stage, int line) {
    if (checksum.isEmpty()) {
      return Optional.empty();
    }
    String c = checksum.get();
    if (!c.matches("sha256:[0-9a-f]{64}")) {
      throw stage.invalid(
          line, "ADD --checksum=" + c + ": expected sha256: and 64 lower-case hex digits");
    }
    return Optional.of(c.substring("sha256:".length()));
  }

  /** Downloads {@code url} (through the cache) into {@code inline}; warns when it is not pinned. */
  void fetch(String url, Optional<String> pin, InlineSources inline, StageBuilder stage) {
    if (url.startsWith("git@")) {
      throw stage.invalid(line, "ADD " + url + ": git sources are not supported by this engine");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw stage.invalid(line, "ADD " + url + ": not a valid URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw stage.invalid(
          line, "ADD " + url + ": only http and https URLs are supported (not git sources)");
    }
    RemoteFiles files = new RemoteFiles(s.state.downloads());
    RemoteFiles.Fetched f;
    try {
      f = files.fetch(uri, pin, s.log.sink(s.dockerfile.at(line)));
    } catch (RemoteFiles.FetchException e) {
      throw s.fail(line, StageBuilder.abbreviate(text), e.getMessage(), java.util.List.of());
    }
    if (pin.isEmpty()) {
      s.events.on(
          new Warning(
              s.cell,
              s.dockerfile.at(line)
                  + ": ADD "
                  + url
                  + " is not pinned; add --checksum=sha256:"
                  + f.digest()
                  + " to pin it"));
    }
    inline.download(fileName(uri), f.content(), files.lastModified(uri).flatMap(RemoteAdd::time));
  }

  /** Checks a local source against its pin (content digest of one regular file). */
  void verify(Path file, String pin) {
    if (!Files.isRegularFile(file)) {
      throw s.fail(
          line,
          StageBuilder.abbreviate(text),
          "--checksum needs a file, not " + file,
          java.util.List.of());
    }
    String got = Digests.ofFile(file);
    if (!got.equals(pin)) {
      throw s.fail(
          line,
          StageBuilder.abbreviate(text),
          "checksum mismatch: expected sha256:" + pin + ", got sha256:" + got,
          java.util.List.of());
    }
  }

  /** The file name BuildKit gives a download: the URL path's last segment, else __unnamed__. */
  static String fileName(URI uri) {
    String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
    String base = path.substring(path.lastIndexOf('/') + 1);
    return base.isEmpty() || base.equals(".") || base.equals("..") ? "__unnamed__" : base;
  }

  private static Optional<FileTime> time(String httpDate) {
    try {
      return Optional.of(
          FileTime.from(
              ZonedDateTime.parse(httpDate, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
