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
      throw new FactException(
          "Command execution timed out ("
              + java.time.Duration.ofMillis(ms).toString().substring(2).toLowerCase()
              + ")");
    }
    return switch (key) {
      case "exit-status" -> code;
      case "stdout" -> nonNull(out.get(i, "stdout"));
      default -> nonNull(out.get(i, "stderr"));
    };
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }
}
