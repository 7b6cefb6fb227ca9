package dev.osimages.engine.plan;

import dev.osimages.engine.declaration.NodePath;
import dev.osimages.engine.matrix.DependencyGraph;
import dev.osimages.engine.model.Cell;
import dev.osimages.engine.model.Declaration;
import dev.osimages.engine.model.Distro;
import dev.osimages.engine.model.DistroVersion;
import dev.osimages.engine.model.Problem;
import dev.osimages.engine.model.Profile;
import dev.osimages.engine.model.SourcePosition;
import dev.osimages.engine.model.Variant;
import dev.osimages.engine.render.RenderException;
import dev.osimages.engine.render.TemplateVariable;
import dev.osimages.engine.render.TemplateVariables;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the declaration against its templates before anything renders: a template variable that no
 * arg or field provides for some cell is an error at the template's line; an arg that no template
 * of the cells it reaches uses is a warning at the arg.
 */
public final class TemplateChecks {
  private static final Pattern PLACE = Pattern.compile("^(\\S+?):(\\d+): (.*)$", Pattern.DOTALL);

  private final Declaration declaration;
  private final List<Cell> cells;
  private final DependencyGraph graph;
  private final Map<Path, TemplateVariables> scanned = new LinkedHashMap<>();
  private final List<Problem> problems = new ArrayList<>();

  public TemplateChecks(Declaration declaration, List<Cell> cells) {
    this.declaration = declaration;
    this.cells = List.copyOf(cells);
    this.graph = new DependencyGraph(cells);
  }

  /** Every problem found, errors and warnings. */
  public List<Problem> run() {
    for (Cell cell : cells) {
      scan(cell.template());
    }
    missingVariables();
    unusedArgs();
    return List.copyOf(problems);
  }

  private TemplateVariables scan(Path template) {
    if (!scanned.containsKey(template)) {
      try {
        scanned.put(template, TemplateVariables.scan(template, declaration.baseDir()));
      } catch (RenderException e) {
        scanned.put(template, null);
        problems.add(fromMessage(e.getMessage(), template));
      }
    }
    return scanned.get(template);
  }

  private void missingVariables() {
    // (template variable place) -> cells lacking it, so one line names all affected cells.
    Map<TemplateVariable, Set<String>> missing = new LinkedHashMap<>();
    for (Cell cell : cells) {
      TemplateVariables vars = scan(cell.template());
      if (vars == null) {
        continue;
      }
      Set<String> provided = RenderContexts.FIELDS;
      for (String name : vars.names()) {
        if (!provided.contains(name) && !cell.args().containsKey(name)) {
          missing
              .computeIfAbsent(vars.firstReference(name), k -> new LinkedHashSet<>())
              .add(cell.id());
        }
      }
    }
    missing.forEach(
        (ref, ids) ->
            problems.add(
                Problem.error(
                    new SourcePosition(ref.file(), ref.line(), 0),
                    "",
                    ref.tag()
                        + ": no arg or field provides '"
                        + ref.name()
                        + "' (cells "
                        + String.join(", ", ids)
                        + ")")));
  }

  private void unusedArgs() {
    Map<String, Map<String, String>> scopes = new TreeMap<>();
    Map<String, Set<String>> reach = new LinkedHashMap<>();
    scopes.put("args", declaration.args());
    reach.put("args", ids(cells));
    for (Distro d : declaration.distros()) {
      String dp = "distros." + NodePath.quoteIfNeeded(d.name());
      Set<String> all = new LinkedHashSet<>();
      for (DistroVersion v : d.versions()) {
        String vp = dp + ".versions." + NodePath.quoteIfNeeded(v.version()) + ".args";
        Set<String> own = withDependents(d.name() + "/" + v.version());
        scopes.put(vp, v.args());
        reach.put(vp, own);
        all.addAll(own);
      }
      scopes.put(dp + ".args", d.args());
      reach.put(dp + ".args", all);
    }
    for (Variant v : declaration.variants()) {
      String vp = "variants." + NodePath.quoteIfNeeded(v.name()) + ".args";
      Set<String> own = new LinkedHashSet<>();
      cells.stream()
          .filter(c -> c.os().equals(v.name()))
          .forEach(c -> own.addAll(withDependents(c.id())));
      scopes.put(vp, v.args());
      reach.put(vp, own);
    }
    for (Profile p : declaration.profiles()) {
      // a profile reaches every cell: its args must be used by some template
      String pp = "profiles." + NodePath.quoteIfNeeded(p.name()) + ".args";
      scopes.put(pp, p.args());
      reach.put(pp, ids(cells));
    }
    scopes.forEach(
        (scope, args) -> args.keySet().forEach(a -> checkUsed(scope, a, reach.get(scope))));
  }

  private void checkUsed(String scope, String arg, Set<String> cellIds) {
    boolean used =
        cells.stream()
            .filter(c -> cellIds.contains(c.id()))
            .map(c -> scanned.get(c.template()))
            .anyMatch(v -> v == null || v.names().contains(arg));
    if (!used && !cellIds.isEmpty()) {
      String path = scope + "." + NodePath.quoteIfNeeded(arg);
      problems.add(
          Problem.warning(
              declaration.sources().at(path),
              path,
              "no template of the cells it reaches uses it (" + String.join(", ", cellIds) + ")"));
    }
  }

  private Set<String> withDependents(String id) {
    Set<String> out = new LinkedHashSet<>();
    out.add(id);
    out.addAll(graph.dependents(id));
    return out;
  }

  private static Set<String> ids(List<Cell> cells) {
    Set<String> out = new LinkedHashSet<>();
    cells.forEach(c -> out.add(c.id()));
    return out;
  }

  /**
   * A renderer message already names its place ({@code file:line: ...}); keep it as the position.
   */
  private Problem fromMessage(String message, Path template) {
    Matcher m = PLACE.matcher(message);
    if (m.matches()) {
      return Problem.error(
          new SourcePosition(m.group(1), Integer.parseInt(m.group(2)), 0), "", m.group(3));
    }
    String name = declaration.baseDir().relativize(template).toString();
    return Problem.error(
        SourcePosition.unknown(name),
        "",
        message.replaceFirst("^" + Pattern.quote(name) + ": ", ""));
  }
}
