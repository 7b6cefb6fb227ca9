package dev.osimages.engine.cli;

import dev.osimages.engine.ExitCode;
import dev.osimages.engine.builder.chroot.CacheInventory;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code engine cache list|prune}: the chroot backend's step layers, bases and results. */
@Command(
    name = "cache",
    description = "List or prune the build cache (step layers, bases, downloads, cache mounts).",
    subcommands = {CacheCommand.ListCommand.class, CacheCommand.PruneCommand.class})
final class CacheCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing subcommand: list or prune");
  }

  @Command(name = "list", description = "List cache entries, least recently used first.")
  static final class ListCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @CommandLine.Mixin StateDirOption state;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      List<CacheInventory.Entry> all = new CacheInventory(state.unlocked()).list();
      long total = 0;
      out.printf("%-7s %-34s %10s  %-20s %s%n", "KIND", "ID", "SIZE", "LAST USED", "WHAT");
      for (CacheInventory.Entry e : all) {
        total += e.bytes();
        out.printf(
            "%-7s %-34s %10s  %-20s %s%n",
            e.kind(), e.id(), human(e.bytes()), e.lastUsed().toString().substring(0, 19), e.what());
      }
      out.printf("%d entries, %s%n", all.size(), human(total));
      out.flush();
      return ExitCode.OK.code();
    }
  }

  @Command(name = "prune", description = "Remove cache entries not used recently.")
  static final class PruneCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @CommandLine.Mixin StateDirOption state;

    @Option(
        names = "--keep-days",
        paramLabel = "N",
        defaultValue = "0",
        description = "Keep entries used in the last N days (default: 0, remove everything).")
    int keepDays;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      List<CacheInventory.Entry> removed =
          // Locked: pruning must not remove a layer a running build is reading.
          new CacheInventory(state.locked()).prune(Duration.ofDays(keepDays));
      long bytes = removed.stream().mapToLong(CacheInventory.Entry::bytes).sum();
      out.printf("removed %d entries, %s%n", removed.size(), human(bytes));
      out.flush();
      return ExitCode.OK.code();
    }
  }

  static String human(long bytes) {
    if (bytes < 1024 * 1024) {
      return (bytes / 1024) + " KiB";
    }
    return String.format("%.1f MiB", bytes / 1048576.0);
  }
}
