package dev.osimages.engine.declaration;

import dev.osimages.engine.model.Declaration;
import dev.osimages.engine.model.Problem;
import dev.osimages.engine.model.SourcePosition;
import dev.osimages.engine.model.TestSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks a JSON Schema cannot express, on a declaration that passed the schema: image ids and
 * bases ({@link CellGraphChecks}), the files it names ({@link FileChecks}), unique test names, test
 * globs that match no image (a warning), tests' provisioning, environment and NICs ({@link
 * TestChecks}) and the placeholders of registry tags. Checks that need the templates parsed
 * (variables no arg provides, args no template uses) belong to the render stage.
 */
final class SemanticChecks {
  private static final Pattern TAG_PLACEHOLDER = Pattern.compile("\\{([^}]*)}");
  private static final Set<String> TAG_NAMES = Set.of("os", "version", "id");

  private SemanticChecks() {}

  /** Every problem found, errors and warnings, unsorted. */
  static List<Problem> check(Declaration decl) {
    List<Problem> problems = new ArrayList<>();
    List<String> ids = new CellGraphChecks(decl, problems).check();
    new FileChecks(decl, problems).check();
    tests(decl, ids, problems);
    new TestChecks(decl, problems).check();
    tags(decl, problems);
    cacheSize(decl, problems);
    return problems;
  }

  private static void tests(Declaration decl, List<String> ids, List<Problem> problems) {
    Map<String, SourcePosition> names = new HashMap<>();
    List<TestSpec> tests = decl.tests();
    for (int i = 0; i < tests.size(); i++) {
      TestSpec t = tests.get(i);
      NodePath path = NodePath.of("tests", i);
      SourcePosition first = names.putIfAbsent(t.name(), at(decl, path.key("name")));
      if (first != null) {
        problems.add(
            Problem.error(
                at(decl, path.key("name")),
                path.key("name").dotted(),
                "duplicate test name '"
                    + t.name()
                    + "' (first at "
                    + first.line()
                    + ":"
                    + first.column()
                    + ")"));
      }
      for (int j = 0; j < t.images().size(); j++) {
        CellGlob glob = CellGlob.of(t.images().get(j));
        if (ids.stream().noneMatch(glob::matches)) {
          NodePath p = path.key("images").index(j);
          problems.add(Problem.warning(at(decl, p), p.dotted(), "'" + glob + "' matches no image"));
        }
      }
    }
  }

  /** {@code output.cache.maxSize}: the schema checks its form, this its range. */
  private static void cacheSize(Declaration decl, List<Problem> problems) {
    try {
      decl.output().cache().maxBytes();
    } catch (IllegalArgumentException e) {
      NodePath p = NodePath.of("output", "cache", "maxSize");
      problems.add(Problem.error(at(decl, p), p.dotted(), e.getMessage()));
    }
  }

  private static void tags(Declaration decl, List<Problem> problems) {
    List<String> tags = decl.output().tags();
    for (int i = 0; i < tags.size(); i++) {
      Matcher m = TAG_PLACEHOLDER.matcher(tags.get(i));
      while (m.find()) {
        if (!TAG_NAMES.contains(m.group(1))) {
          NodePath p = NodePath.of("output", "tags", i);
          problems.add(
              Problem.error(
                  at(decl, p),
                  p.dotted(),
                  "unknown placeholder " + m.group() + " (expected {os}, {version} or {id})"));
        }
      }
    }
  }

  private static SourcePosition at(Declaration decl, NodePath path) {
    return decl.sources().at(path.dotted());
  }
}
