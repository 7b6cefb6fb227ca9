package dev.osimages.engine.run;

import dev.osimages.engine.EngineException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs work over a graph of cells: a cell starts once every cell it needs (its base, the cells its
 * named contexts read) succeeded, at most {@code jobs} at a time; a failed cell blocks only the
 * cells that need it, every other cell finishes. Cells are started in the order given when several
 * are ready, so a run is repeatable.
 */
public final class Scheduler {
  /** A unit of work: a cell id and the ids of the cells it needs first (its base first). */
  public record Node(String id, List<String> needs) {
    public Node {
      needs = List.copyOf(needs);
    }

    /** A cell that needs at most its base. */
    public Node(String id, Optional<String> base) {
      this(id, base.map(List::of).orElse(List.of()));
    }
  }

  /**
   * How one cell ended. {@code error} is the exception of an {@link Status#ERROR} (a bug, kept for
   * its stack trace), empty otherwise.
   */
  public record Outcome(Status status, String message, Optional<Throwable> error) {
    public Outcome(Status status, String message) {
      this(status, message, Optional.empty());
    }

    public static Outcome ok(String message) {
      return new Outcome(Status.OK, message);
    }

    public static Outcome failed(String message) {
      return new Outcome(Status.FAILED, message);
    }

    /** A cell that ended in an exception other than {@link EngineException}: an engine bug. */
    public static Outcome error(String message, Throwable error) {
      return new Outcome(Status.ERROR, message, Optional.of(error));
    }

    /** Whether cells built on this one may proceed. */
    public boolean succeeded() {
      return status == Status.OK || status == Status.UP_TO_DATE;
    }
  }

  /** The end state of a cell. */
  public enum Status {
    OK,
    UP_TO_DATE,
    /** An {@link EngineException}: the image, its inputs or the host are at fault. */
    FAILED,
    /** Any other exception: the engine is at fault (exit code INTERNAL). */
    ERROR,
    BLOCKED
  }

  private final int jobs;

  public Scheduler(int jobs) {
    if (jobs < 1) {
      throw new IllegalArgumentException("jobs must be at least 1, was " + jobs);
    }
    this.jobs = jobs;
  }

  /**
   * Runs {@code work} for every node and returns each node's outcome, in the order given. A node
   * whose base is not among {@code nodes} is treated as having a satisfied base. Work that throws
   * an {@link EngineException} is a failure with its message; any other exception is an {@link
   * Status#ERROR} that keeps the exception.
   */
  public Map<String, Outcome> run(List<Node> nodes, Function<String, Outcome> work)
      throws InterruptedException {
    Map<String, Outcome> done = new LinkedHashMap<>();
    List<Node> waiting = new ArrayList<>(nodes);
    ExecutorService pool = Executors.newFixedThreadPool(jobs, Scheduler::daemon);
    ExecutorCompletionService<Map.Entry<String, Outcome>> completion =
        new ExecutorCompletionService<>(pool);
    int running = 0;
    try {
      while (!waiting.isEmpty() || running > 0) {
        int before = waiting.size();
        running += startReady(waiting, done, nodes, completion, work, jobs - running);
        if (running == 0) {
          if (waiting.size() == before && !waiting.isEmpty()) {
            throw new IllegalStateException("cells wait on each other: " + waiting);
          }
          continue; // only blocked cells were left; startReady resolved them
        }
        Future<Map.Entry<String, Outcome>> f = completion.take();
        running--;
        Map.Entry<String, Outcome> r = get(f);
        done.put(r.getKey(), r.getValue());
      }
    } finally {
      pool.shutdownNow();
    }
    Map<String, Outcome> ordered = new LinkedHashMap<>();
    nodes.forEach(n -> ordered.put(n.id(), done.get(n.id())));
    return ordered;
  }

  private static int startReady(
      List<Node> waiting,
      Map<String, Outcome> done,
      List<Node> all,
      ExecutorCompletionService<Map.Entry<String, Outcome>> completion,
      Function<String, Outcome> work,
      int slots) {
    int started = 0;
    for (var it = waiting.iterator(); it.hasNext(); ) {
      Node n = it.next();
      List<String> needs =
          n.needs().stream().filter(b -> all.stream().anyMatch(x -> x.id().equals(b))).toList();
      if (!done.keySet().containsAll(needs)) {
        continue;
      }
      Optional<String> failed = needs.stream().filter(b -> !done.get(b).succeeded()).findFirst();
      if (failed.isPresent()) {
        done.put(
            n.id(),
            new Outcome(
                Status.BLOCKED, "not built: " + failed.get() + " failed (it is needed first)"));
        it.remove();
        continue;
      }
      if (started == slots) {
        continue;
      }
      completion.submit(() -> Map.entry(n.id(), safely(work, n.id())));
      it.remove();
      started++;
    }
    return started;
  }

  private static Outcome safely(Function<String, Outcome> work, String id) {
    try {
      return work.apply(id);
    } catch (EngineException e) {
      return Outcome.failed(e.getMessage());
    } catch (RuntimeException e) {
      return Outcome.error(id + ": internal error: " + e, e);
    }
  }

  private static Map.Entry<String, Outcome> get(Future<Map.Entry<String, Outcome>> f)
      throws InterruptedException {
    try {
      return f.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("scheduler task failed unexpectedly", e.getCause());
    }
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "cell-worker");
    t.setDaemon(true);
    return t;
  }
}
