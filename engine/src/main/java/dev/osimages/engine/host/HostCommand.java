package dev.osimages.engine.host;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a host tool (mmdebstrap, tar, unshare) with its merged output streamed line by line. Every
 * running command is registered so that a JVM shutdown (Ctrl-C, SIGTERM) kills it and waits for it:
 * the commands that own namespaces then take their mounts with them. The registry is static because
 * a shutdown hook is process-wide by nature.
 */
public final class HostCommand {
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
  private static final Set<Runnable> CLEANUPS = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(HostCommand::killAll, "engine-host-cleanup"));
  }

  /** The exit code and the last lines of output (for failure messages). */
  public record Result(int exitCode, List<String> tail) {
    /** True for exit code 0. */
    public boolean ok() {
      return exitCode == 0;
    }
  }

  private HostCommand() {}

  /** Runs {@code argv} in {@code cwd} (null: inherit) with extra environment; streams lines. */
  public static Result run(
      List<String> argv, Path cwd, Map<String, String> env, Consumer<String> lines) {
    return run(argv, cwd, env, false, lines);
  }

  /**
   * Runs {@code argv} with exactly the environment {@code env} (nothing inherited): for values that
   * must reach a child without ever appearing on a command line.
   */
  public static Result runWithOnly(
      List<String> argv, Path cwd, Map<String, String> env, Consumer<String> lines) {
    return run(argv, cwd, env, true, lines);
  }

  private static Result run(
      List<String> argv,
      Path cwd,
      Map<String, String> env,
      boolean onlyEnv,
      Consumer<String> lines) {
    ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    if (cwd != null) {
      pb.directory(cwd.toFile());
    }
    if (onlyEnv) {
      pb.environment().clear();
    }
    pb.environment().putAll(env);
    Deque<String> tail = new ArrayDeque<>();
    Process p = start(pb, argv);
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        lines.accept(line);
        tail.addLast(line);
        if (tail.size() > 20) {
          tail.removeFirst();
        }
      }
      return new Result(p.waitFor(), List.copyOf(tail));
    } catch (IOException e) {
      throw new UncheckedIOException("reading output of " + argv.get(0), e);
    } catch (InterruptedException e) {
      throw interrupted(p, argv, e);
    } finally {
      LIVE.remove(p);
    }
  }

  /** What a {@link #capture} run printed: its output whole, its messages apart. */
  public record Captured(int exitCode, String stdout, String stderr) {
    /** True for exit code 0. */
    public boolean ok() {
      return exitCode == 0;
    }
  }

  /**
   * Runs {@code argv} in {@code cwd} for its output (data, not lines to stream). Output and
   * messages go to files, not pipes, so a tool that writes much to stderr can never block.
   */
  public static Captured capture(List<String> argv, Path cwd) {
    return capture(argv, cwd, null, null).orElseThrow();
  }

  /**
   * Runs {@code argv} with {@code stdin} as its input and waits at most {@code timeout}; empty when
   * the tool did not end in time (it is killed). No pipe at all: input, output and messages are
   * files, so neither side can block the other.
   */
  public static Optional<Captured> capture(List<String> argv, byte[] stdin, Duration timeout) {
    return capture(argv, null, stdin, timeout);
  }

  private static Optional<Captured> capture(
      List<String> argv, Path cwd, byte[] stdin, Duration timeout) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("engine-tool-");
      ProcessBuilder pb =
          new ProcessBuilder(argv)
              .redirectOutput(dir.resolve("out").toFile())
              .redirectError(dir.resolve("err").toFile());
      if (stdin != null) {
        pb.redirectInput(Files.write(dir.resolve("in"), stdin).toFile());
      } else {
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      }
      if (cwd != null) {
        pb.directory(cwd.toFile());
      }
      Process p = start(pb, argv);
      try {
        if (timeout == null) {
          p.waitFor();
        } else if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          kill(p);
          return Optional.empty();
        }
        return Optional.of(
            new Captured(
                p.exitValue(),
                Files.readString(dir.resolve("out"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err"), StandardCharsets.UTF_8)));
      } catch (InterruptedException e) {
        throw interrupted(p, argv, e);
      } finally {
        LIVE.remove(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("running " + argv.get(0), e);
    } finally {
      if (dir != null) {
        Trees.delete(dir);
      }
    }
  }

  /**
   * Starts {@code argv} for a caller that reads its output as a stream (a tar another party
   * consumes); its messages go to a file. See {@link StreamingCommand}.
   */
  public static StreamingCommand stream(List<String> argv, Path cwd) {
    try {
      Path err = Files.createTempFile("engine-stderr-", ".txt");
      ProcessBuilder pb = new ProcessBuilder(argv).redirectError(err.toFile());
      pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      if (cwd != null) {
        pb.directory(cwd.toFile());
      }
      try {
        return new StreamingCommand(start(pb, argv), err);
      } catch (RuntimeException e) {
        Files.deleteIfExists(err);
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("running " + argv.get(0), e);
    }
  }

  /** Runs {@code argv} and returns its output; fails with the output when it exits non-zero. */
  public static String output(List<String> argv) {
    StringBuilder out = new StringBuilder();
    Result r = run(argv, null, Map.of(), l -> out.append(l).append('\n'));
    if (!r.ok()) {
      throw new IllegalStateException(
          String.join(" ", argv) + " exited " + r.exitCode() + ": " + String.join("\n", r.tail()));
    }
    return out.toString();
  }

  /** Kills a tool whose wait was interrupted and keeps the thread's interrupt for its caller. */
  static IllegalStateException interrupted(Process p, List<String> argv, InterruptedException e) {
    kill(p);
    Thread.currentThread().interrupt();
    return new IllegalStateException("interrupted while running " + argv.get(0), e);
  }

  /** Starts a process and registers it to be killed should the engine be stopped. */
  static Process start(ProcessBuilder pb, List<String> argv) {
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + argv.get(0), e);
    }
    LIVE.add(p);
    return p;
  }

  /**
   * {@code argv} wrapped to run in a private mount namespace that dies with the engine: tools that
   * mount (mmdebstrap mounts /proc, /sys and /dev inside its target) can then never leave a mount
   * on the host, even when killed.
   */
  public static List<String> inPrivateMounts(List<String> argv) {
    List<String> c =
        new java.util.ArrayList<>(
            List.of(
                "setpriv",
                "--pdeathsig",
                "KILL",
                "--",
                "unshare",
                "--mount",
                "--propagation",
                "private",
                "--"));
    c.addAll(argv);
    return c;
  }

  /**
   * Registers {@code work} (e.g. removing a temp dir) to run at shutdown after all commands are
   * dead, or earlier through {@link Cleanup#run()} on the normal path. It runs once, whichever
   * comes first; the other caller waits until it is finished, so a shutdown never halts the JVM in
   * the middle of the normal path's removal.
   */
  public static Cleanup atShutdown(Runnable work) {
    Cleanup c = new Cleanup(work);
    CLEANUPS.add(c);
    return c;
  }

  /** Work that runs at most once: on the normal path or in the shutdown hook. */
  public static final class Cleanup implements Runnable {
    private final Runnable work;
    private boolean done;

    private Cleanup(Runnable work) {
      this.work = work;
    }

    /** Runs the work unless it already ran (or is running: then waits for it). */
    @Override
    public synchronized void run() {
      if (done) {
        return;
      }
      done = true;
      try {
        work.run();
      } finally {
        CLEANUPS.remove(this);
      }
    }
  }

  static void kill(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    try {
      p.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Forgets a tool that has ended (it needs no killing at shutdown). */
  static void forget(Process p) {
    LIVE.remove(p);
  }

  private static void killAll() {
    LIVE.forEach(HostCommand::kill);
    CLEANUPS.forEach(
        c -> {
          try {
            c.run();
          } catch (RuntimeException e) {
            // Best effort at shutdown: one failed cleanup must not stop the others.
          }
        });
  }
}
