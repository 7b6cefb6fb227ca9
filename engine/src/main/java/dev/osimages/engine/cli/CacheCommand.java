package dev.osimages.engine.cli;

import dev.osimages.engine.ExitCode;
import dev.osimages.engine.cache.CacheEntry;
import dev.osimages.engine.cache.CacheInventory;
import dev.osimages.engine.cache.CachePruner;
import dev.osimages.engine.cache.PrunePlan;
import dev.osimages.engine.cache.PrunePolicy;
import dev.osimages.engine.model.ByteSize;
import dev.osimages.engine.model.Cell;
import dev.osimages.engine.plan.Workspace;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code engine cache list|prune}: the chroot backend's step layers, bases and downloads. */
@Command(
    name = "cache",
    description =
        "List or prune the build cache (step layers, bases, downloads, cache mounts, registry"
            + " blobs, the package cache of pinned builds).",
    subcommands = {CacheCommand.ListCommand.class, CacheCommand.PruneCommand.class})
final class CacheCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing subcommand: list or prune");
  }

  @Command(
      name = "list",
      description = {
        "List cache entries, least recently used first: kind, id, size, last use, the cells whose"
            + " last build used it, and what it is (a step's instruction, a base); then the total.",
        "A step layer's last use counts for the layers and base below it (see cache prune)."
      })
  static final class ListCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @CommandLine.Mixin StateDirOption state;

    @Option(
        names = {"-f", "--file"},
        paramLabel = "PATH",
        description =
            "A declaration: cells it no longer has are marked '(not declared)', so entries only"
                + " they use show as prunable.")
    Path file;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      Optional<Set<String>> declared =
          Optional.ofNullable(file)
              .map(
                  f ->
                      Workspace.load(f, Workspace.Options.DEFAULT).cells().stream()
                          .map(Cell::id)
                          .collect(Collectors.toSet()));
      List<CacheEntry> all = new CacheInventory(state.unlocked()).list();
      long total = 0;
      out.printf(
          "%-11s %-42s %10s  %-19s  %-20s %s%n",
          "KIND", "ID", "SIZE", "LAST USED", "CELLS", "WHAT");
      for (CacheEntry e : all) {
        total += e.bytes();
        out.printf(
            "%-11s %-48s %10s  %-19s  %-20s %s%n",
            e.kind(),
            e.id(),
            ByteSize.format(e.bytes()),
            e.lastUsed().toString().substring(0, 19),
            cells(e, declared),
            abbreviate(e.what()));
      }
      out.printf("%d entries, %s (%d bytes)%n", all.size(), ByteSize.format(total), total);
      out.flush();
      return ExitCode.OK.code();
    }
  }

  private static String abbreviate(String what) {
    return what.length() > 100 ? what.substring(0, 97) + "..." : what;
  }

  private static String cells(CacheEntry e, Optional<Set<String>> declared) {
    if (e.cells().isEmpty()) {
      return "-";
    }
    return e.cells().stream()
        .map(c -> declared.isEmpty() || declared.get().contains(c) ? c : c + " (not declared)")
        .collect(Collectors.joining(","));
  }

  @Command(
      name = "prune",
      description = {
        "Remove cache entries, least recently used first: those unused for more than"
            + " --keep-days, then as many more as it takes to fit --max-size. Without either,"
            + " everything.",
        "A step layer goes together with every layer built on it (it would otherwise be found"
            + " again on a rebuilt parent), and counts as used when any layer built on it was, so"
            + " chains are trimmed from their tips. Waits for an engine using the state directory."
      })
  static final class PruneCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @CommandLine.Mixin StateDirOption state;

    @Option(
        names = "--keep-days",
        paramLabel = "N",
        description = "Remove entries unused for more than N days (0: every entry).")
    Integer keepDays;

    @Option(
        names = "--max-size",
        paramLabel = "SIZE",
        description =
            "Remove least recently used entries until the cache is at most SIZE: a number with"
                + " an optional unit K, M, G or T (powers of 1024), e.g. 8G or 500M.")
    String maxSize;

    @Option(names = "--dry-run", description = "Print what would be removed, removing nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
      PrunePolicy policy = policy(spec, keepDays, maxSize);
      PrintWriter out = spec.commandLine().getOut();
      // Locked: pruning must not remove a layer a running build is reading.
      CachePruner pruner = new CachePruner(state.locked());
      PrunePlan.Result r = dryRun ? pruner.plan(policy) : pruner.prune(policy);
      print(out, dryRun ? "dry run: " : "", r);
      return ExitCode.OK.code();
    }
  }

  /** The policy of {@code --keep-days} and {@code --max-size}, a bad size a usage error. */
  static PrunePolicy policy(CommandLine.Model.CommandSpec spec, Integer keepDays, String maxSize) {
    if (keepDays != null && keepDays < 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--keep-days: expected a number of days >= 0, found " + keepDays);
    }
    Optional<Long> max;
    try {
      max = Optional.ofNullable(maxSize).map(ByteSize::parse);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--max-size: " + e.getMessage());
    }
    return new PrunePolicy(
        max, Optional.ofNullable(keepDays).map(Duration::ofDays), Optional.empty());
  }

  /** One line per removed entry, then the sums. */
  static void print(PrintWriter out, String prefix, PrunePlan.Result r) {
    for (CacheEntry e : r.removed()) {
      out.printf(
          prefix + "removed %-11s %-48s %10s  %s%n",
          e.kind(),
          e.id(),
          ByteSize.format(e.bytes()),
          abbreviate(e.what()));
    }
    out.printf(
        prefix + "removed %d entries, %s; the cache holds %s (%d bytes)%n",
        r.removed().size(),
        ByteSize.format(r.freed()),
        ByteSize.format(r.remaining()),
        r.remaining());
    out.flush();
  }
}
