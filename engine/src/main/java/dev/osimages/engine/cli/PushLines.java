package dev.osimages.engine.cli;

import dev.osimages.engine.push.PushResult;
import java.util.Locale;

/** The one summary line per pushed image: what happened, where, and its digest. */
final class PushLines {
  private PushLines() {}

  /** A summary line and whether the push succeeded. */
  record Line(String text, boolean ok) {}

  /** The line for a push that succeeded. */
  static Line ok(PushResult r) {
    return new Line(of(r), true);
  }

  /** The line for a push that failed with {@code message}. */
  static Line failure(String cell, String message) {
    return new Line(failed(cell, message), false);
  }

  static String of(PushResult r) {
    String where = String.join(", ", r.references().stream().map(PushLines::tagOnly).toList());
    return String.format(
        Locale.ROOT,
        "%-24s %-10s %s %s%s%s",
        r.cell(),
        r.pushed() ? "pushed" : "up to date",
        where,
        r.digest(),
        r.pushed() ? String.format(Locale.ROOT, " (%.1f MB sent)", r.bytesSent() / 1e6) : "",
        r.signed() ? " signed, attested" : "");
  }

  /** {@code host/repo:tag@digest} without the digest, which the line shows once. */
  private static String tagOnly(String ref) {
    int at = ref.indexOf('@');
    return at < 0 ? ref : ref.substring(0, at);
  }

  static String failed(String cell, String message) {
    return String.format(Locale.ROOT, "%-24s %-10s %s", cell, "FAILED", message);
  }
}
