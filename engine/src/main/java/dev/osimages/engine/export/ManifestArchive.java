package dev.osimages.engine.export;

import dev.osimages.engine.archive.ArchiveRecord;
import dev.osimages.engine.archive.Fetch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code sourceDateEpoch} and {@code archive} parts of manifest.json: written from an {@link
 * ArchiveRecord}, and read back from a published set (the epoch and the fetches a rebuild or an
 * offline build replays). Each fetch is one line of JSON, so reading needs no JSON library.
 */
public final class ManifestArchive {
  private static final Pattern EPOCH = Pattern.compile("\"sourceDateEpoch\": (\\d+)");
  private static final Pattern SNAPSHOT = Pattern.compile("\"snapshot\": \"([0-9TZ]+)\"");
  private static final Pattern FETCH =
      Pattern.compile(
          "\\{\"url\": (\"(?:[^\"\\\\]|\\\\.)*\"), \"sha256\": \"([0-9a-f]{64})\", \"size\": (\\d+),"
              + " \"lastModified\": (\"(?:[^\"\\\\]|\\\\.)*\")"
              + "(?:, \"package\": (\"(?:[^\"\\\\]|\\\\.)*\"), \"version\":"
              + " (\"(?:[^\"\\\\]|\\\\.)*\"), \"architecture\": (\"(?:[^\"\\\\]|\\\\.)*\"))?\\}");

  private ManifestArchive() {}

  /** The manifest lines for {@code r}: "sourceDateEpoch" (when set) and "archive", indented 2. */
  static String toJson(ArchiveRecord r) {
    StringBuilder b = new StringBuilder();
    r.sourceDateEpoch().ifPresent(e -> b.append("  \"sourceDateEpoch\": ").append(e).append(",\n"));
    b.append("  \"archive\": {\n");
    b.append("    \"mode\": ").append(Manifest.quote(r.mode())).append(",\n");
    r.snapshot()
        .ifPresent(s -> b.append("    \"snapshot\": ").append(Manifest.quote(s)).append(",\n"));
    b.append("    \"releases\": [");
    List<String> rel = new ArrayList<>();
    for (ArchiveRecord.Release x : r.releases()) {
      rel.add(
          "{\"url\": "
              + Manifest.quote(x.url())
              + ", \"suite\": "
              + Manifest.quote(x.suite())
              + ", \"codename\": "
              + Manifest.quote(x.codename())
              + ", \"date\": "
              + Manifest.quote(x.date())
              + ", \"sha256\": "
              + Manifest.quote(x.sha256())
              + "}");
    }
    b.append(list(rel)).append("],\n");
    b.append("    \"fetched\": [");
    b.append(list(r.fetched().stream().map(ManifestArchive::fetch).toList())).append("]\n");
    return b.append("  },\n").toString();
  }

  private static String list(List<String> items) {
    return items.isEmpty() ? "" : "\n      " + String.join(",\n      ", items) + "\n    ";
  }

  private static String fetch(Fetch f) {
    StringBuilder b =
        new StringBuilder("{\"url\": ")
            .append(Manifest.quote(f.url()))
            .append(", \"sha256\": \"")
            .append(f.sha256())
            .append("\", \"size\": ")
            .append(f.size())
            .append(", \"lastModified\": ")
            .append(Manifest.quote(f.lastModified()));
    f.deb()
        .ifPresent(
            d ->
                b.append(", \"package\": ")
                    .append(Manifest.quote(d.name()))
                    .append(", \"version\": ")
                    .append(Manifest.quote(d.version()))
                    .append(", \"architecture\": ")
                    .append(Manifest.quote(d.architecture())));
    return b.append('}').toString();
  }

  /** The SOURCE_DATE_EPOCH recorded in the manifest of the set in {@code dir}, if any. */
  public static OptionalLong epoch(Path dir) {
    Matcher m = EPOCH.matcher(read(dir));
    return m.find() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
  }

  /** The snapshot timestamp recorded in the manifest of the set in {@code dir}, if any. */
  public static Optional<String> snapshot(Path dir) {
    Matcher m = SNAPSHOT.matcher(read(dir));
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** The fetches recorded in the manifest of the set in {@code dir} (empty when none). */
  public static List<Fetch> fetched(Path dir) {
    List<Fetch> out = new ArrayList<>();
    Matcher m = FETCH.matcher(read(dir));
    while (m.find()) {
      Optional<Fetch.DebPackage> deb =
          m.group(5) == null
              ? Optional.empty()
              : Optional.of(
                  new Fetch.DebPackage(
                      unquote(m.group(5)), unquote(m.group(6)), unquote(m.group(7))));
      out.add(
          new Fetch(
              unquote(m.group(1)),
              m.group(2),
              Long.parseLong(m.group(3)),
              unquote(m.group(4)),
              deb));
    }
    return out;
  }

  private static String read(Path dir) {
    try {
      Path f = dir.resolve(ImageSet.MANIFEST);
      return Files.isRegularFile(f) ? Files.readString(f) : "";
    } catch (IOException e) {
      return "";
    }
  }

  /** The inverse of {@link Manifest#quote} for the escapes it writes. */
  static String unquote(String json) {
    String s = json.substring(1, json.length() - 1);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 == s.length()) {
        b.append(c);
        continue;
      }
      char n = s.charAt(++i);
      switch (n) {
        case 'n' -> b.append('\n');
        case 'u' -> {
          b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
          i += 4;
        }
        default -> b.append(n);
      }
    }
    return b.toString();
  }
}
