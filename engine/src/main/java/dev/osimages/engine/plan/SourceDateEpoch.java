package dev.osimages.engine.plan;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.host.HostCommand;
import dev.osimages.engine.model.Declaration;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The SOURCE_DATE_EPOCH of a run and where it came from. In order: the command line ({@code
 * --source-date-epoch}), the declaration ({@code output.sourceDateEpoch}), the environment variable
 * SOURCE_DATE_EPOCH, the commit time of the declaration file ({@code git log -1 --format=%ct --
 * images.yaml}, the file {@code engine diff} and the input hash read). A declaration with
 * uncommitted changes keeps its last commit's time (so editing it does not invalidate every cached
 * step); one that was never committed, outside git, has none, and builds are then not reproducible
 * (a warning says so).
 *
 * @param seconds the value; empty when none could be found
 * @param origin where it came from, for messages
 * @param note a warning to show, "" when there is nothing to say
 */
public record SourceDateEpoch(OptionalLong seconds, String origin, String note) {
  /** Resolves the epoch for {@code d}, with the command line's value {@code option} if given. */
  public static SourceDateEpoch resolve(Declaration d, OptionalLong option) {
    return resolve(d, option, System::getenv);
  }

  /** As above, with the environment {@code env}. */
  static SourceDateEpoch resolve(
      Declaration d, OptionalLong option, java.util.function.UnaryOperator<String> env) {
    if (option.isPresent()) {
      return new SourceDateEpoch(option, "--source-date-epoch", "");
    }
    if (d.output().sourceDateEpoch().isPresent()) {
      return new SourceDateEpoch(
          d.output().sourceDateEpoch(), d.file() + " output.sourceDateEpoch", "");
    }
    String value = env.apply("SOURCE_DATE_EPOCH");
    if (value != null && !value.isBlank()) {
      return new SourceDateEpoch(
          OptionalLong.of(parse(value.strip(), "SOURCE_DATE_EPOCH")),
          "the environment's SOURCE_DATE_EPOCH",
          "");
    }
    return fromGit(d.file());
  }

  /** The value as a positive number of seconds; {@code what} names it in the error. */
  public static long parse(String text, String what) {
    try {
      long v = Long.parseLong(text);
      if (v < 0) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new EngineException(
          what + ": expected seconds since 1970 (a whole number >= 0), found '" + text + "'",
          ExitCode.INVALID);
    }
  }

  /** The commit time of {@code file}'s last commit, noting uncommitted changes. */
  static SourceDateEpoch fromGit(Path file) {
    Path abs = file.toAbsolutePath();
    Path dir = abs.getParent();
    String name = abs.getFileName().toString();
    Optional<String> time = git(dir, List.of("log", "-1", "--format=%ct", "--", name));
    if (time.isEmpty() || time.get().isEmpty()) {
      return new SourceDateEpoch(
          OptionalLong.empty(),
          "none",
          file
              + " is not committed in git, so builds have no SOURCE_DATE_EPOCH and are not"
              + " reproducible; commit it, or set output.sourceDateEpoch or --source-date-epoch");
    }
    long t = parse(time.get(), "git log -1 --format=%ct -- " + name);
    boolean dirty =
        git(dir, List.of("status", "--porcelain", "--", name)).map(s -> !s.isEmpty()).orElse(false);
    return new SourceDateEpoch(
        OptionalLong.of(t),
        "the last commit of " + file,
        dirty
            ? file
                + " has uncommitted changes: builds use the time of its last commit ("
                + t
                + ") as SOURCE_DATE_EPOCH"
            : "");
  }

  private static Optional<String> git(Path dir, List<String> args) {
    List<String> argv = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
    argv.addAll(args);
    StringBuilder out = new StringBuilder();
    try {
      HostCommand.Result r = HostCommand.run(argv, null, Map.of(), l -> out.append(l).append('\n'));
      return r.ok() ? Optional.of(out.toString().strip()) : Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty(); // no git on this host: as outside a repository
    }
  }

  /**
   * One line for a run's header: "SOURCE_DATE_EPOCH 1796017871 (the last commit of images.yaml)".
   */
  public String describe() {
    return seconds.isPresent()
        ? "SOURCE_DATE_EPOCH " + seconds.getAsLong() + " (" + origin + ")"
        : "no SOURCE_DATE_EPOCH";
  }
}
