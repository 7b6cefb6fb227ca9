package dev.osimages.engine.verify;

import dev.osimages.engine.ExitCode;
import dev.osimages.engine.verify.resource.ResourceDecl;
import dev.osimages.engine.verify.resource.TestResult;
import dev.osimages.engine.verify.targets.ProbeFacts;
import dev.osimages.engine.verify.targets.ProbeOutput;
import dev.osimages.engine.verify.targets.Target;
import dev.osimages.engine.verify.targets.TargetSession;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Waits for probe rounds from a target and evaluates them, as goss's --retry-timeout does: the
 * first passing round wins; without a retry timeout the first round is final; when the retry
 * timeout runs out the last round is reported with exit code 3. No round before the boot timeout is
 * an error that carries the console log's tail.
 */
final class RoundCollector {
  private final VerifyRequest req;
  private final Target target;
  private final List<ResourceDecl> resources;
  private final TargetSession session;

  RoundCollector(
      VerifyRequest req, Target target, List<ResourceDecl> resources, TargetSession session) {
    this.req = req;
    this.target = target;
    this.resources = resources;
    this.session = session;
  }

  VerifyReport collect(Instant start) {
    long bootDeadline = System.nanoTime() + req.options().bootTimeout().toNanos();
    long retryDeadline = -1;
    int seen = 0;
    List<TestResult> last = null;
    while (true) {
      // A serial port's tty turns \n into \r\n; the records are base64, so \r carries nothing.
      String text = session.results().replace("\r", "");
      int rounds = count(text, "\nEND\n") + (text.startsWith("END\n") ? 1 : 0);
      if (rounds > seen) {
        seen = rounds;
        Optional<ProbeOutput> out = ProbeOutput.parseLast(text);
        last =
            Verifier.evaluate(
                resources,
                new ProbeFacts(resources, out.orElseThrow(), target.name(), target.booted()));
        if (retryDeadline < 0) {
          retryDeadline = System.nanoTime() + req.options().retryTimeout().toNanos();
        }
        boolean passed = last.stream().allMatch(TestResult::successful);
        if (passed || req.options().retryTimeout().isZero() || !target.booted()) {
          return report(start, last, false);
        }
      }
      boolean done = text.contains("\nDONE\n") || !session.running();
      if (last != null && (done || System.nanoTime() > retryDeadline)) {
        return report(start, last, true);
      }
      if (last == null && (done || System.nanoTime() > bootDeadline)) {
        throw noResults();
      }
      sleep();
    }
  }

  private VerifyReport report(Instant start, List<TestResult> results, boolean timedOut) {
    boolean failed = results.stream().anyMatch(r -> !r.successful());
    String console = failed && target.booted() ? session.consoleLog() : "";
    return new VerifyReport(
        req.cell(),
        target.name(),
        results,
        start,
        Instant.now(),
        timedOut && failed && !req.options().retryTimeout().isZero(),
        console);
  }

  private VerifyException noResults() {
    String log = session.consoleLog();
    String tail = log.length() > 4000 ? log.substring(log.length() - 4000) : log;
    String why =
        session.running()
            ? "no probe results within the boot timeout of "
                + req.options().bootTimeout().toSeconds()
                + " s"
            : "the system stopped before the probe reported";
    return new VerifyException(
        Verifier.cellPrefix(req)
            + "target "
            + target.name()
            + ": "
            + why
            + "\n--- console log (tail) ---\n"
            + tail,
        ExitCode.FAILED);
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }

  private static void sleep() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new VerifyException("interrupted", ExitCode.INTERRUPTED, e);
    }
  }
}
