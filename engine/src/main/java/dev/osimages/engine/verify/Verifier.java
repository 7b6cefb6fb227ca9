package dev.osimages.engine.verify;

import dev.osimages.engine.ExitCode;
import dev.osimages.engine.event.EventListener;
import dev.osimages.engine.event.LogLine;
import dev.osimages.engine.event.Stage;
import dev.osimages.engine.event.StageFinished;
import dev.osimages.engine.event.StageStarted;
import dev.osimages.engine.event.Warning;
import dev.osimages.engine.verify.gossfile.GossLoadException;
import dev.osimages.engine.verify.gossfile.GossfileLoader;
import dev.osimages.engine.verify.gossfile.ImageFiles;
import dev.osimages.engine.verify.resource.ResourceDecl;
import dev.osimages.engine.verify.resource.TestResult;
import dev.osimages.engine.verify.targets.LayeredFiles;
import dev.osimages.engine.verify.targets.Preparation;
import dev.osimages.engine.verify.targets.Preparer;
import dev.osimages.engine.verify.targets.ProbeFacts;
import dev.osimages.engine.verify.targets.ProbeScript;
import dev.osimages.engine.verify.targets.SystemImage;
import dev.osimages.engine.verify.targets.Target;
import dev.osimages.engine.verify.targets.TargetSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
    Target target = Target.of(req.target());
    Preparer.Layer prepared = req.prepare().map(p -> prepare(req, p, events)).orElse(null);
    try {
      List<Path> layers =
          prepared == null ? List.of(req.rootfs()) : List.of(prepared.path(), req.rootfs());
      List<ResourceDecl> resources = load(req, new LayeredFiles(layers)::read);
      return run(req, target, resources, new SystemImage(layers, req.nics()), events);
    } finally {
      if (prepared != null) {
        try {
          prepared.close();
        } catch (IOException e) {
          events.on(new Warning(req.cell(), "cannot remove the prepared layer: " + e.getMessage()));
        }
      }
    }
  }

  private VerifyReport run(
      VerifyRequest req,
      Target target,
      List<ResourceDecl> resources,
      SystemImage image,
      EventListener events) {
    events.on(new StageStarted(req.cell(), Stage.VERIFY, target.name()));
    Instant start = Instant.now();
    ProbeFacts plan = ProbeFacts.plan(resources, target.name(), target.booted());
    String script = ProbeScript.compile(resources, plan);
    boolean ok = false;
    try (TargetSession session = target.start(image, script, req.options())) {
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

  /** Runs the preparation; a failing or hanging command fails the verification (exit 1). */
  private static Preparer.Layer prepare(VerifyRequest req, Preparation p, EventListener events) {
    events.on(new StageStarted(req.cell(), Stage.VERIFY, "prepare " + p.test()));
    Instant start = Instant.now();
    boolean ok = false;
    try {
      Preparer.Layer layer = Preparer.prepare(req.rootfs(), p);
      layer.output().lines().forEach(l -> events.on(new LogLine(req.cell(), "prepare", l)));
      ok = true;
      return layer;
    } catch (Preparer.Failed e) {
      e.output().lines().forEach(l -> events.on(new LogLine(req.cell(), "prepare", l)));
      throw new VerifyException(
          cellPrefix(req) + "test " + p.test() + ": prepare: " + e.getMessage(), ExitCode.FAILED);
    } catch (IOException e) {
      throw new VerifyException(
          cellPrefix(req) + "test " + p.test() + ": prepare: " + e.getMessage(),
          ExitCode.ENVIRONMENT,
          e);
    } finally {
      events.on(
          new StageFinished(
              req.cell(),
              Stage.VERIFY,
              "prepare " + p.test(),
              ok,
              Duration.between(start, Instant.now())));
    }
  }

  private List<ResourceDecl> load(VerifyRequest req, ImageFiles files) {
    List<ResourceDecl> all = new ArrayList<>();
    for (Suite s : req.suites()) {
      Map<String, String> suiteEnv = new java.util.HashMap<>(env);
      suiteEnv.putAll(s.env());
      all.addAll(new GossfileLoader(s.vars(), suiteEnv, files).load(s.gossfile()));
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
