package dev.osimages.engine.verify;

import dev.osimages.engine.ExitCode;
import dev.osimages.engine.event.EventListener;
import dev.osimages.engine.event.Stage;
import dev.osimages.engine.event.StageFinished;
import dev.osimages.engine.event.StageStarted;
import dev.osimages.engine.event.Warning;
import dev.osimages.engine.verify.gossfile.GossLoadException;
import dev.osimages.engine.verify.gossfile.GossfileLoader;
import dev.osimages.engine.verify.resource.ResourceDecl;
import dev.osimages.engine.verify.resource.TestResult;
import dev.osimages.engine.verify.targets.ProbeFacts;
import dev.osimages.engine.verify.targets.ProbeScript;
import dev.osimages.engine.verify.targets.Target;
import dev.osimages.engine.verify.targets.TargetSession;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The verification service: loads the suites, compiles one probe, gathers facts on the target,
 * evaluates every matcher on the host, and returns a report. Never prints; a failing check fails
 * the report (exit code 1), it is never ignored.
 */
public final class Verifier {
  private final Map<String, String> env;

  /** A verifier rendering templates with this process environment as .Env. */
  public Verifier() {
    this(System.getenv());
  }

  /** A verifier with an explicit .Env (tests). */
  public Verifier(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /** Verifies a root filesystem; throws GossLoadException (exit 78) or VerifyException. */
  public VerifyReport verify(VerifyRequest req, EventListener events) {
    if (!Files.isDirectory(req.rootfs())) {
      throw new VerifyException(
          req.rootfs() + ": not a directory (the image root filesystem)", ExitCode.INVALID);
    }
    List<ResourceDecl> resources = load(req);
    Target target = Target.of(req.target());
    events.on(new StageStarted(req.cell(), Stage.VERIFY, target.name()));
    Instant start = Instant.now();
    ProbeFacts plan = ProbeFacts.plan(resources, target.name(), target.booted());
    String script = ProbeScript.compile(resources, plan);
    boolean ok = false;
    try (TargetSession session = target.start(req.rootfs(), script, req.options())) {
      VerifyReport report = new RoundCollector(req, target, resources, session).collect(start);
      report.results().stream()
          .filter(r -> r.skipReason() != null)
          .map(
              r ->
                  r.resourceType()
                      + ": "
                      + r.resourceId()
                      + ": "
                      + r.property()
                      + ": skipped: "
                      + r.skipReason())
          .distinct()
          .forEach(m -> events.on(new Warning(req.cell(), m)));
      ok = report.exitCode() == 0;
      return report;
    } catch (IOException e) {
      throw new VerifyException(
          cellPrefix(req) + "target " + target.name() + ": " + e.getMessage(),
          ExitCode.ENVIRONMENT,
          e);
    } finally {
      events.on(
          new StageFinished(
              req.cell(), Stage.VERIFY, target.name(), ok, Duration.between(start, Instant.now())));
    }
  }

  private List<ResourceDecl> load(VerifyRequest req) {
    List<ResourceDecl> all = new ArrayList<>();
    for (Suite s : req.suites()) {
      all.addAll(new GossfileLoader(s.vars(), env).load(s.gossfile()));
    }
    if (all.isEmpty()) {
      throw new GossLoadException(
          cellPrefix(req)
              + "found 0 tests in "
              + req.suites().stream().map(Suite::gossfile).toList());
    }
    return all;
  }

  static String cellPrefix(VerifyRequest req) {
    return req.cell().isEmpty() ? "" : req.cell() + ": verify: ";
  }

  /** Evaluates a probe round into results (package-private for the round collector). */
  static List<TestResult> evaluate(List<ResourceDecl> resources, ProbeFacts facts) {
    List<TestResult> results = new ArrayList<>();
    for (ResourceDecl r : resources) {
      results.addAll(dev.osimages.engine.verify.resource.ResourceValidator.validate(r, facts));
    }
    return results;
  }
}
