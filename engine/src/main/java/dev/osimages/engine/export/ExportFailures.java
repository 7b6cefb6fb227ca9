package dev.osimages.engine.export;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Turns what went wrong during an export into one message an operator can act on. */
final class ExportFailures {

  private ExportFailures() {}

  static EngineException of(String cell, Path source, Path target, Throwable e) {
    if (e instanceof EngineException ee) {
      return ee;
    }
    String where = (cell.isEmpty() ? "" : cell + ": ") + "export";
    String from = source == null ? "" : " of " + source;
    if (isDiskFull(e)) {
      return new EngineException(
          where
              + from
              + " to "
              + target
              + ": disk full (No space left on device) under "
              + target.toAbsolutePath().getParent()
              + "; nothing was published",
          ExitCode.FAILED,
          e);
    }
    String what =
        e instanceof NoSuchFileException n
            ? n.getFile() + ": " + n.getReason()
            : String.valueOf(e.getMessage());
    return new EngineException(
        where + from + " to " + target + " failed: " + what + "; nothing was published",
        ExitCode.FAILED,
        e);
  }

  private static boolean isDiskFull(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException && String.valueOf(t.getMessage()).contains("No space left")) {
        return true;
      }
    }
    return false;
  }
}
