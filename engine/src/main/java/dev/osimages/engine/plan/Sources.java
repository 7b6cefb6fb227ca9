package dev.osimages.engine.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The third-party sources a cell's build fetches, by the declaration's convention: every non-empty
 * arg named {@code NAME_URL} whose value the cell's rendered Dockerfile contains is a source,
 * pinned by the arg {@code NAME_SHA256} (64 hex digits: a download, checked by {@code ADD
 * --checksum}) or {@code NAME_FINGERPRINT} (40 hex digits: the signing key of an apt repository).
 * An empty URL arg switches the source off. A source without a usable pin is never fetched: the
 * cell is refused before its build, naming the arg to set.
 */
public final class Sources {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern FINGERPRINT = Pattern.compile("[0-9A-Fa-f]{40}");
  private static final Pattern DIGEST = Pattern.compile(".+@sha256:[0-9a-f]{64}");

  /** One source of a cell: its URL arg and value, and the pin arg (if declared) and value. */
  public record Source(String arg, String url, Optional<String> pinArg, String pin) {
    /** Whether this source is a container image (pinned by its digest) rather than a URL. */
    public boolean image() {
      return arg.endsWith("_IMAGE");
    }

    /** Why the pin is not usable, or empty when it is. */
    public Optional<String> pinProblem() {
      if (image()) {
        return DIGEST.matcher(url).matches()
            ? Optional.empty()
            : Optional.of("is not pinned: the reference has no @sha256: digest");
      }
      String prefix = arg.substring(0, arg.length() - "_URL".length());
      if (pinArg.isEmpty()) {
        return Optional.of(
            "has no pin: declare " + prefix + "_SHA256 or " + prefix + "_FINGERPRINT");
      }
      boolean sha = pinArg.get().endsWith("_SHA256");
      if (pin.isEmpty()) {
        return Optional.of("is not pinned: " + pinArg.get() + " is empty");
      }
      if (sha ? !SHA256.matcher(pin).matches() : !FINGERPRINT.matcher(pin).matches()) {
        return Optional.of(
            "is not pinned: "
                + pinArg.get()
                + " '"
                + pin
                + "' is not "
                + (sha ? "64 lowercase hex digits" : "40 hex digits"));
      }
      return Optional.empty();
    }

    /** One line for messages: {@code ARG <url>}. */
    public String label() {
      return arg + " " + url;
    }
  }

  private Sources() {}

  /** The sources of a planned cell: those its rendered Dockerfile uses, in arg order. */
  public static List<Source> of(PlannedCell p) {
    return of(p.cell().args(), p.dockerfile());
  }

  static List<Source> of(Map<String, String> args, String dockerfile) {
    List<Source> out = new ArrayList<>();
    args.forEach(
        (name, value) -> {
          if (name.endsWith("_IMAGE") && !value.isEmpty() && dockerfile.contains(value)) {
            out.add(new Source(name, value, Optional.empty(), ""));
            return;
          }
          if (!name.endsWith("_URL")
              || name.equals("_URL")
              || value.isEmpty()
              || !dockerfile.contains(value)) {
            return;
          }
          String prefix = name.substring(0, name.length() - "_URL".length());
          Optional<String> pinArg =
              Optional.of(prefix + "_SHA256")
                  .filter(args::containsKey)
                  .or(() -> Optional.of(prefix + "_FINGERPRINT").filter(args::containsKey));
          out.add(new Source(name, value, pinArg, pinArg.map(args::get).orElse("")));
        });
    return List.copyOf(out);
  }

  /** The sources of {@code p} whose pin is not usable. */
  public static List<Source> unpinned(PlannedCell p) {
    return of(p).stream().filter(s -> s.pinProblem().isPresent()).toList();
  }
}
