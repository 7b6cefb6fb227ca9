package dev.osimages.engine.declaration;

import dev.osimages.engine.model.Declaration;
import dev.osimages.engine.model.PrepareSpec;
import dev.osimages.engine.model.Problem;
import dev.osimages.engine.model.TargetKind;
import dev.osimages.engine.model.TestSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks of a test's provisioning, environment and NICs that the schema cannot express:
 * placeholders in environment values, prepare targets that would climb out of the image with {@code
 * ..}, a mode on a directory, NICs on a test without the vm target, multicast, all-zero and
 * repeated MAC addresses.
 */
final class TestChecks {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_.]+)}");
  private static final Set<String> PLACEHOLDERS = Set.of("os", "version", "id", "distro");

  private final Declaration decl;
  private final List<Problem> problems;

  TestChecks(Declaration decl, List<Problem> problems) {
    this.decl = decl;
    this.problems = problems;
  }

  void check() {
    List<TestSpec> tests = decl.tests();
    for (int i = 0; i < tests.size(); i++) {
      TestSpec t = tests.get(i);
      NodePath path = NodePath.of("tests", i);
      env(path.key("env"), t.env());
      t.prepare().ifPresent(p -> prepare(path.key("prepare"), p));
      nics(path, t);
    }
  }

  private void env(NodePath path, Map<String, String> env) {
    env.forEach(
        (name, value) -> {
          Matcher m = PLACEHOLDER.matcher(value);
          while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group(1))) {
              error(
                  path.key(name),
                  "unknown placeholder "
                      + m.group()
                      + " (expected {os}, {version}, {id} or {distro})");
            }
          }
        });
  }

  private void prepare(NodePath path, PrepareSpec p) {
    env(path.key("env"), p.env());
    for (int j = 0; j < p.files().size(); j++) {
      PrepareSpec.File f = p.files().get(j);
      NodePath at = path.key("files").index(j);
      if (List.of(f.to().split("/")).contains("..")) {
        error(
            at.key("to"),
            "'"
                + f.to()
                + "' contains '..': a prepare target is an absolute path in the image, written"
                + " without '..'");
      }
      if (f.mode() != null && java.nio.file.Files.isDirectory(decl.baseDir().resolve(f.from()))) {
        error(at.key("mode"), "mode applies to a file; '" + f.from() + "' is a directory");
      }
    }
  }

  private void nics(NodePath path, TestSpec t) {
    if (t.nics().isEmpty()) {
      return;
    }
    if (!t.targets().contains(TargetKind.VM)) {
      error(
          path.key("nics"),
          "only the vm target has NICs; this test runs on "
              + t.targets().stream().map(TargetKind::yamlName).toList());
    }
    Map<String, Integer> seen = new HashMap<>();
    for (int k = 0; k < t.nics().size(); k++) {
      String mac = t.nics().get(k);
      NodePath at = path.key("nics").index(k).key("mac");
      int first = Integer.parseInt(mac.substring(0, 2), 16);
      if ((first & 1) == 1) {
        error(
            at,
            "'"
                + mac
                + "' is a multicast address (the first byte is odd); a NIC needs a unicast one");
      } else if (mac.equals("00:00:00:00:00:00")) {
        error(at, "'" + mac + "' is not a usable NIC address");
      }
      Integer earlier = seen.putIfAbsent(mac.toLowerCase(java.util.Locale.ROOT), k);
      if (earlier != null) {
        error(at, "'" + mac + "' is already the address of nics[" + earlier + "]");
      }
    }
  }

  private void error(NodePath path, String message) {
    problems.add(Problem.error(decl.sources().at(path.dotted()), path.dotted(), message));
  }
}
