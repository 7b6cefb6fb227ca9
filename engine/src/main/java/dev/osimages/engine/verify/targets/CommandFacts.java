package dev.osimages.engine.verify.targets;

import dev.osimages.engine.verify.resource.FactException;
import dev.osimages.engine.verify.resource.ResourceDecl;

/** A command's exit status and streams; GNU timeout's 124 means goss's timeout error. */
final class CommandFacts {
  private CommandFacts() {}

  static Object actual(ProbeOutput out, int i, String key, ResourceDecl r) throws FactException {
    String exit = out.get(i, "exit");
    if (exit == null) {
      throw new FactException("command " + r.id() + ": no result from the probe");
    }
    long code = Long.parseLong(exit.strip());
    if (code == 124 || code == 137) {
      long ms =
          r.attrs().get("timeout") instanceof Number n && n.longValue() > 0 ? n.longValue() : 10000;
      throw new FactException("Command execution timed out (" + goDuration(ms) + ")");
    }
    return switch (key) {
      case "exit-status" -> code;
      case "stdout" -> nonNull(out.get(i, "stdout"));
      default -> nonNull(out.get(i, "stderr"));
    };
  }

  /** Go's time.Duration.String of whole milliseconds: "500ms", "1.5s", "1m30s", "1h0m0s". */
  static String goDuration(long ms) {
    if (ms == 0) {
      return "0s";
    }
    if (ms < 1000) {
      return ms + "ms";
    }
    long h = ms / 3_600_000;
    long m = ms / 60_000 % 60;
    String s = java.math.BigDecimal.valueOf(ms % 60_000, 3).stripTrailingZeros().toPlainString();
    return (h > 0 ? h + "h" : "") + (h > 0 || m > 0 ? m + "m" : "") + s + "s";
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }
}
