package dev.osimages.engine.builder.docker;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what docker-java throws into one clear message naming the daemon, the cell and the step,
 * keeping the exception as the cause (shown only with {@code --stacktrace}).
 */
final class DaemonErrors {

  private static final Pattern TOO_NEW =
      Pattern.compile(
          "client version (\\S+) is too new\\. Maximum supported API version is (\\S+)");
  private static final Pattern JSON_MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"(.*?)\"\\s*}");

  private DaemonErrors() {}

  /** The daemon did not answer, or refused the API version. */
  static EngineException connect(String host, String apiVersion, Throwable e) {
    String why = daemonMessage(e);
    Matcher m = TOO_NEW.matcher(why);
    if (m.find()) {
      return new EngineException(
          "the Docker daemon at "
              + host
              + " does not speak API version "
              + m.group(1)
              + " (its newest is "
              + m.group(2)
              + "); set DOCKER_API_VERSION="
              + m.group(2)
              + " or upgrade the daemon",
          ExitCode.ENVIRONMENT,
          e);
    }
    return new EngineException(
        "cannot reach the Docker daemon at "
            + host
            + " ("
            + why
            + "); start dockerd or point DOCKER_HOST at a running one",
        ExitCode.ENVIRONMENT,
        e);
  }

  /** A daemon call for {@code cell} failed while doing {@code what}. */
  static EngineException during(String cell, String what, Throwable e) {
    return new EngineException(cell + ": " + what + ": " + daemonMessage(e), ExitCode.FAILED, e);
  }

  /**
   * The most useful text of a docker-java failure: the daemon's own message from an HTTP error
   * body, else the innermost cause's message.
   */
  static String daemonMessage(Throwable e) {
    String msg = e.getMessage() == null ? "" : e.getMessage();
    Matcher m = JSON_MESSAGE.matcher(msg);
    if (m.find()) {
      return m.group(1).replace("\\\"", "\"");
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String r = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return root == e ? r : r.replaceFirst("^\\[\\d+\\]\\s*", "");
  }
}
