package dev.osimages.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.run.Scheduler.Node;
import dev.osimages.engine.run.Scheduler.Outcome;
import dev.osimages.engine.run.Scheduler.Status;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SchedulerTest {
  private static Node node(String id) {
    return new Node(id, Optional.empty());
  }

  private static Node node(String id, String base) {
    return new Node(id, Optional.of(base));
  }

  private final List<Node> forest =
      List.of(
          node("debian/12"),
          node("debian/13"),
          node("ubuntu/24.04"),
          node("firewall/3.0-debian", "debian/13"),
          node("firewall/3.0-ubuntu", "ubuntu/24.04"),
          node("debian-nvidia/13", "debian/13"));

  @Test
  void run_startsACellOnlyAfterItsBaseFinished() throws Exception {
    ConcurrentLinkedQueue<String> events = new ConcurrentLinkedQueue<>();
    new Scheduler(2)
        .run(
            forest,
            id -> {
              events.add("start " + id);
              events.add("end " + id);
              return Outcome.ok("");
            });
    List<String> log = List.copyOf(events);
    assertThat(log.indexOf("end debian/13")).isLessThan(log.indexOf("start firewall/3.0-debian"));
    assertThat(log.indexOf("end debian/13")).isLessThan(log.indexOf("start debian-nvidia/13"));
    assertThat(log.indexOf("end ubuntu/24.04"))
        .isLessThan(log.indexOf("start firewall/3.0-ubuntu"));
  }

  @Test
  void run_neverExceedsTheJobBoundAndDoesUseIt() throws Exception {
    AtomicInteger now = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    CountDownLatch twoRunning = new CountDownLatch(2);
    new Scheduler(2)
        .run(
            forest,
            id -> {
              peak.accumulateAndGet(now.incrementAndGet(), Math::max);
              twoRunning.countDown();
              try {
                twoRunning.await(2, TimeUnit.SECONDS);
                Thread.sleep(20);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              now.decrementAndGet();
              return Outcome.ok("");
            });
    assertThat(peak.get()).isEqualTo(2);
  }

  @Test
  void run_failureBlocksOnlyDependentsAndOthersFinish() throws Exception {
    Map<String, Outcome> out =
        new Scheduler(2)
            .run(
                forest,
                id -> {
                  if (id.equals("debian/13")) {
                    throw new EngineException("mmdebstrap exited 1", ExitCode.FAILED);
                  }
                  return Outcome.ok("");
                });
    assertThat(out.get("debian/13")).isEqualTo(Outcome.failed("mmdebstrap exited 1"));
    assertThat(out.get("firewall/3.0-debian").status()).isEqualTo(Status.BLOCKED);
    assertThat(out.get("firewall/3.0-debian").message()).contains("debian/13 failed");
    assertThat(out.get("debian-nvidia/13").status()).isEqualTo(Status.BLOCKED);
    assertThat(out.get("debian/12").status()).isEqualTo(Status.OK);
    assertThat(out.get("firewall/3.0-ubuntu").status()).isEqualTo(Status.OK);
    assertThat(out.keySet()).containsExactlyElementsOf(forest.stream().map(Node::id).toList());
  }

  @Test
  void run_upToDateBaseLetsDependentsProceed() throws Exception {
    Map<String, Outcome> out =
        new Scheduler(1)
            .run(
                List.of(node("a"), node("b", "a")),
                id -> id.equals("a") ? new Outcome(Status.UP_TO_DATE, "") : Outcome.ok("built"));
    assertThat(out.get("b")).isEqualTo(Outcome.ok("built"));
  }

  @Test
  void run_baseOutsideTheSelectionCountsAsSatisfied() throws Exception {
    Map<String, Outcome> out =
        new Scheduler(1).run(List.of(node("b", "not-selected")), id -> Outcome.ok(""));
    assertThat(out.get("b").status()).isEqualTo(Status.OK);
  }

  @Test
  void run_aCellWaitsForEveryCellItNeeds_andIsBlockedWhenANamedContextCellFails() throws Exception {
    List<Node> graph =
        List.of(
            node("debian/13"),
            node("ubuntu/24.04"),
            new Node("tools/24.04", List.of("ubuntu/24.04", "debian/13")));
    ConcurrentLinkedQueue<String> events = new ConcurrentLinkedQueue<>();
    new Scheduler(2)
        .run(
            graph,
            id -> {
              events.add("start " + id);
              events.add("end " + id);
              return Outcome.ok("");
            });
    List<String> log = List.copyOf(events);
    assertThat(log.indexOf("end debian/13")).isLessThan(log.indexOf("start tools/24.04"));
    assertThat(log.indexOf("end ubuntu/24.04")).isLessThan(log.indexOf("start tools/24.04"));

    Map<String, Outcome> out =
        new Scheduler(2)
            .run(graph, id -> id.equals("debian/13") ? Outcome.failed("boom") : Outcome.ok(""));
    assertThat(out.get("ubuntu/24.04").status()).isEqualTo(Status.OK);
    assertThat(out.get("tools/24.04").status()).isEqualTo(Status.BLOCKED);
    assertThat(out.get("tools/24.04").message())
        .isEqualTo("not built: debian/13 failed (it is needed first)");
  }

  @Test
  void run_engineExceptionIsAFailureWithItsMessage() throws Exception {
    Map<String, Outcome> out =
        new Scheduler(1)
            .run(
                List.of(node("debian/13")),
                id -> {
                  throw new EngineException(id + ": build: apt-get failed", ExitCode.FAILED);
                });

    assertThat(out.get("debian/13"))
        .isEqualTo(new Outcome(Status.FAILED, "debian/13: build: apt-get failed"));
  }

  @Test
  void run_otherExceptionIsAnErrorThatKeepsIt_andBlocksDependents() throws Exception {
    NullPointerException bug = new NullPointerException("a bug");
    Map<String, Outcome> out =
        new Scheduler(1)
            .run(
                forest,
                id -> {
                  if (id.equals("debian/13")) {
                    throw bug;
                  }
                  return Outcome.ok("built");
                });

    assertThat(out.get("debian/13").status()).isEqualTo(Status.ERROR);
    assertThat(out.get("debian/13").error()).containsSame(bug);
    assertThat(out.get("debian/13").message())
        .isEqualTo("debian/13: internal error: java.lang.NullPointerException: a bug");
    assertThat(out.get("firewall/3.0-debian").status()).isEqualTo(Status.BLOCKED);
    assertThat(out.get("ubuntu/24.04").status()).isEqualTo(Status.OK);
  }
}
