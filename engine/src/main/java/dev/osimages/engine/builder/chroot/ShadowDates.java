package dev.osimages.engine.builder.chroot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Clamps the last-change field (days since 1970) of {@code /etc/shadow} and its backup {@code
 * /etc/shadow-} to SOURCE_DATE_EPOCH's day, as mtimes are clamped: shadow's tools honour
 * SOURCE_DATE_EPOCH themselves, this catches any that do not. Only the third field of lines that
 * have one is touched; everything else is written back byte for byte.
 */
final class ShadowDates {
  private static final long DAY = 86_400;
  private final ImageWriter w;

  ShadowDates(ImageWriter writer) {
    this.w = writer;
  }

  /** Clamps both files to the day of {@code epoch} (seconds). */
  void clamp(long epoch) {
    for (String rel : new String[] {"etc/shadow", "etc/shadow-"}) {
      file(rel).ifPresent(p -> clamp(rel, p, epoch / DAY));
    }
  }

  private void clamp(String rel, Path p, long day) {
    String text = read(p);
    String clamped = clampText(text, day);
    if (!clamped.equals(text)) {
      w.content(rel, clamped.getBytes(StandardCharsets.UTF_8), ImageWriter.Attrs.of(p));
    }
  }

  /** {@code text} with every last-change day after {@code day} set to {@code day}. */
  static String clampText(String text, long day) {
    StringBuilder out = new StringBuilder(text.length());
    for (String line : text.split("(?<=\n)", -1)) {
      String[] f = line.split(":", -1);
      if (f.length >= 3 && f[2].matches("[0-9]{1,10}") && Long.parseLong(f[2]) > day) {
        f[2] = Long.toString(day);
        out.append(String.join(":", f));
      } else {
        out.append(line);
      }
    }
    return out.toString();
  }

  private Optional<Path> file(String rel) {
    String r = w.view().resolve(rel, false);
    return r.equals(rel)
        ? w.view().find(rel).filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
        : Optional.empty();
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + p, e);
    }
  }
}
