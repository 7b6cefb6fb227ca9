package dev.osimages.engine.verify.report;

import dev.osimages.engine.verify.VerifyReport;
import dev.osimages.engine.verify.resource.TestResult;
import java.util.ArrayList;
import java.util.List;

/** Groups results by resource (as goss emits them) and measures a report's duration. */
final class Groups {
  private Groups() {}

  static List<List<TestResult>> byResource(List<TestResult> results) {
    List<List<TestResult>> groups = new ArrayList<>();
    TestResult prev = null;
    for (TestResult t : results) {
      if (prev == null
          || !prev.resourceType().equals(t.resourceType())
          || !prev.resourceId().equals(t.resourceId())) {
        groups.add(new ArrayList<>());
      }
      groups.get(groups.size() - 1).add(t);
      prev = t;
    }
    return groups;
  }

  static double seconds(VerifyReport r) {
    return java.time.Duration.between(r.start(), r.end()).toNanos() / 1e9;
  }
}
