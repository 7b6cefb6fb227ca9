package dev.osimages.engine.run;

import dev.osimages.engine.model.Cell;
import dev.osimages.engine.model.PrepareSpec;
import dev.osimages.engine.model.TargetKind;
import dev.osimages.engine.model.TestAssignment;
import dev.osimages.engine.verify.Suite;
import dev.osimages.engine.verify.VerifyRequest;
import dev.osimages.engine.verify.targets.Preparation;
import dev.osimages.engine.verify.targets.TargetOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a cell's test matrix becomes verifications: on each target, the suites that need nothing but
 * the image share one system (one boot); a suite with a provisioning step or NICs gets a system of
 * its own, prepared for it. Targets come in the order the tests declare them.
 */
public final class TestRuns {
  /** One verification: a target, the tests it runs, and their common system. */
  public record TestRun(TargetKind target, List<TestAssignment> tests) {
    public TestRun {
      tests = List.copyOf(tests);
    }

    /** The request for this run against {@code rootfs}. */
    public VerifyRequest request(
        String cellId, Path rootfs, TargetOptions options, Map<String, Object> varOverrides) {
      List<Suite> suites = new ArrayList<>();
      for (TestAssignment t : tests) {
        Map<String, Object> vars = new LinkedHashMap<>(t.vars());
        vars.putAll(varOverrides);
        suites.add(new Suite(t.gossfile(), vars, t.env()));
      }
      TestAssignment first = tests.get(0);
      Optional<Preparation> prepare = first.prepare().map(p -> preparation(first.name(), p));
      // NICs belong to the vm target; on another one (--target) the suite runs without them
      List<String> nics = target == TargetKind.VM ? first.nics() : List.of();
      return new VerifyRequest(cellId, rootfs, suites, target, options, prepare, nics);
    }

    /** What the run is called in messages: the target, and the test for a system of its own. */
    public String label() {
      TestAssignment first = tests.get(0);
      return target.yamlName() + (first.needsOwnSystem() ? " (test " + first.name() + ")" : "");
    }
  }

  private TestRuns() {}

  /**
   * The runs of {@code cell}; {@code override} ({@code --target}) replaces every test's targets.
   */
  public static List<TestRun> of(Cell cell, Optional<TargetKind> override) {
    Map<TargetKind, List<TestAssignment>> shared = new LinkedHashMap<>();
    Map<TargetKind, List<TestRun>> own = new LinkedHashMap<>();
    for (TestAssignment t : cell.tests()) {
      for (TargetKind k : override.map(List::of).orElse(t.targets())) {
        shared.computeIfAbsent(k, x -> new ArrayList<>());
        own.computeIfAbsent(k, x -> new ArrayList<>());
        if (t.needsOwnSystem()) {
          own.get(k).add(new TestRun(k, List.of(t)));
        } else {
          shared.get(k).add(t);
        }
      }
    }
    List<TestRun> runs = new ArrayList<>();
    for (TargetKind k : shared.keySet()) {
      if (!shared.get(k).isEmpty()) {
        runs.add(new TestRun(k, shared.get(k)));
      }
      runs.addAll(own.get(k));
    }
    return runs;
  }

  /** The verifier's form of a provisioning step. */
  static Preparation preparation(String test, PrepareSpec p) {
    List<Preparation.CopyIn> files = new ArrayList<>();
    for (PrepareSpec.File f : p.files()) {
      files.add(new Preparation.CopyIn(Path.of(f.from()), f.to(), f.mode()));
    }
    return new Preparation(test, files, p.run(), p.env(), p.timeout());
  }
}
