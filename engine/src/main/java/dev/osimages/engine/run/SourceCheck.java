package dev.osimages.engine.run;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.model.Cell;
import dev.osimages.engine.plan.PlannedCell;
import dev.osimages.engine.plan.Sources;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Refuses a cell before its build when a source it fetches (see {@link Sources}) is not pinned or
 * cannot be reached, so a run fails fast with one line naming the cell and the source instead of
 * failing a step minutes into the build; the other cells go on. Reachable means the server answered
 * with anything but 404 or 410 to a HEAD request; each URL is asked once per run.
 */
public final class SourceCheck {
  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  private final HttpClient client =
      HttpClient.newBuilder()
          .connectTimeout(TIMEOUT)
          .followRedirects(HttpClient.Redirect.NORMAL)
          .build();
  private final Map<String, Optional<String>> answers = new ConcurrentHashMap<>();

  /** Throws a failure naming the cell and the first unusable source of {@code p}. */
  public void check(PlannedCell p) {
    Cell cell = p.cell();
    // An unreachable source says more than a missing pin (the pin cannot help then); a HEAD
    // request fetches nothing, so it is asked before the pin is checked.
    for (Sources.Source s : Sources.of(p)) {
      if (!s.image()) {
        Optional<String> down = answers.computeIfAbsent(s.url(), this::unreachable);
        if (down.isPresent()) {
          throw refused(cell, s, "is unreachable: " + down.get());
        }
      }
      Optional<String> pin = s.pinProblem();
      if (pin.isPresent()) {
        throw refused(cell, s, pin.get());
      }
    }
  }

  private static EngineException refused(Cell cell, Sources.Source s, String why) {
    return new EngineException(
        cell.id() + ": source " + s.label() + " " + why + "; not built", ExitCode.FAILED);
  }

  /** Why {@code url} cannot be fetched, or empty when its server answers. */
  Optional<String> unreachable(String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      return Optional.of("not a URL (" + e.getMessage() + ")");
    }
    if (uri.getScheme() == null || !uri.getScheme().matches("https?")) {
      return Optional.of("only http and https URLs can be fetched");
    }
    HttpRequest head =
        HttpRequest.newBuilder(uri)
            .timeout(TIMEOUT)
            .method("HEAD", HttpRequest.BodyPublishers.noBody())
            .build();
    try {
      int status = client.send(head, HttpResponse.BodyHandlers.discarding()).statusCode();
      return status == 404 || status == 410
          ? Optional.of("the server answered HTTP " + status)
          : Optional.empty();
    } catch (IOException e) {
      return Optional.of(reason(e, uri.getHost()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted");
    }
  }

  private static String reason(Throwable e, String host) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.UnknownHostException
          || t instanceof java.nio.channels.UnresolvedAddressException) {
        return "cannot resolve " + host;
      }
      if (t instanceof java.net.http.HttpConnectTimeoutException) {
        return "connection timed out";
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getMessage();
      }
    }
    return e.getClass().getSimpleName();
  }
}
