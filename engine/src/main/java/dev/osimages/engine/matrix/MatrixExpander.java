package dev.osimages.engine.matrix;

import dev.osimages.engine.declaration.CellGlob;
import dev.osimages.engine.declaration.CellIds;
import dev.osimages.engine.model.Base;
import dev.osimages.engine.model.Cell;
import dev.osimages.engine.model.Channel;
import dev.osimages.engine.model.Declaration;
import dev.osimages.engine.model.Distro;
import dev.osimages.engine.model.DistroVersion;
import dev.osimages.engine.model.NamedContextSpec;
import dev.osimages.engine.model.PrepareSpec;
import dev.osimages.engine.model.TestAssignment;
import dev.osimages.engine.model.TestSpec;
import dev.osimages.engine.model.Variant;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Expands a validated declaration into its cells, one per distro version and one per (variant,
 * base) pair, in declaration order. Args resolve with the precedence defaults &lt; distro &lt;
 * version &lt; variant &lt; overrides; a variant starts from its base cell's args, so derived
 * images see their base's codename and kernel. Assumes the declaration passed the semantic checks
 * (known, acyclic base ids).
 */
public final class MatrixExpander {
  private final Declaration declaration;
  private final Map<String, String> overrides;
  private final Channel channel;

  /**
   * @param overrides {@code --set KEY=VALUE} values, the highest precedence
   * @param channel the channel whose store directory the cells publish into
   */
  public MatrixExpander(Declaration declaration, Map<String, String> overrides, Channel channel) {
    this.declaration = declaration;
    this.overrides = Map.copyOf(overrides);
    this.channel = channel;
  }

  /** All cells, distros first, then variants; each variant base in its declared order. */
  public List<Cell> expand() {
    Map<String, Cell> byId = new LinkedHashMap<>();
    // Args without the overrides: variants layer on these, then overrides apply last.
    Map<String, Map<String, String>> baseArgs = new LinkedHashMap<>();
    for (Distro distro : declaration.distros()) {
      for (DistroVersion v : distro.versions()) {
        Map<String, String> args = merge(declaration.args(), distro.args(), v.args());
        String id = distro.name() + "/" + v.version();
        baseArgs.put(id, args);
        byId.put(
            id,
            cell(
                distro.name(),
                v.version(),
                distro.name(),
                args,
                v.base(),
                distro.template(),
                distro.contexts(),
                distro.packageManager(),
                v.position(),
                distro.namedContexts()));
      }
    }
    expandVariants(byId, baseArgs);
    return List.copyOf(byId.values());
  }

  private void expandVariants(Map<String, Cell> byId, Map<String, Map<String, String>> baseArgs) {
    // Variants may stand on other variants' cells; repeat until every base is known.
    List<Variant> pending = new ArrayList<>(declaration.variants());
    while (!pending.isEmpty()) {
      boolean progressed = false;
      for (var it = pending.iterator(); it.hasNext(); ) {
        Variant variant = it.next();
        if (!variant.bases().stream().allMatch(byId::containsKey)) {
          continue;
        }
        for (String baseId : variant.bases()) {
          Cell base = byId.get(baseId);
          String version = CellIds.variantVersion(variant.version(), baseId);
          String id = variant.name() + "/" + version;
          Map<String, String> args = merge(baseArgs.get(baseId), variant.args(), Map.of());
          baseArgs.put(id, args);
          byId.put(
              id,
              cell(
                  variant.name(),
                  version,
                  base.distro(),
                  args,
                  new Base.CellRef(baseId),
                  variant.template(),
                  variant.contexts(),
                  base.packageManager(),
                  variant.position(),
                  variant.namedContexts()));
        }
        it.remove();
        progressed = true;
      }
      if (!progressed) {
        throw new IllegalStateException(
            "variant bases unresolvable (the semantic checks should have caught this): "
                + pending.stream().map(Variant::name).toList());
      }
    }
  }

  private Cell cell(
      String os,
      String version,
      String distro,
      Map<String, String> args,
      Base base,
      String template,
      List<String> contexts,
      dev.osimages.engine.model.PackageManager pm,
      dev.osimages.engine.model.SourcePosition position,
      Map<String, NamedContextSpec> named) {
    String id = os + "/" + version;
    Path dir = declaration.baseDir();
    Map<String, NamedContextSpec> namedContexts = new TreeMap<>();
    named.forEach(
        (name, c) ->
            namedContexts.put(
                name,
                c instanceof NamedContextSpec.Dir d
                    ? new NamedContextSpec.Dir(dir.resolve(d.path()).normalize())
                    : c));
    Map<String, String> resolved = merge(args, overrides, Map.of());
    return new Cell(
        id,
        os,
        version,
        distro,
        resolved,
        base,
        dir.resolve(template).normalize(),
        contexts.stream().map(c -> dir.resolve(c).normalize()).toList(),
        pm,
        storeRoot().resolve(channel.path()).resolve(os).resolve(version),
        tags(os, version),
        tests(os, version, distro),
        position,
        namedContexts);
  }

  /** The image store root, resolved against the declaration's directory. */
  public Path storeRoot() {
    return declaration.baseDir().resolve(declaration.output().root()).normalize();
  }

  private List<String> tags(String os, String version) {
    return declaration.output().tags().stream()
        .map(
            t ->
                t.replace("{os}", os)
                    .replace("{version}", version)
                    .replace("{id}", os + "/" + version))
        .toList();
  }

  private List<TestAssignment> tests(String os, String version, String distro) {
    String id = os + "/" + version;
    Map<String, String> names =
        Map.of("{os}", os, "{version}", version, "{id}", id, "{distro}", distro);
    List<TestAssignment> out = new ArrayList<>();
    for (TestSpec spec : declaration.tests()) {
      if (spec.images().stream().map(CellGlob::of).anyMatch(g -> g.matches(id))) {
        out.add(
            new TestAssignment(
                spec.name(),
                declaration.baseDir().resolve(spec.suite()).normalize(),
                spec.vars(),
                spec.targets(),
                placeholders(spec.env(), names),
                spec.prepare().map(p -> prepare(p, names)),
                spec.nics()));
      }
    }
    return out;
  }

  /** A cell's copy of a provisioning step: sources absolute, placeholders resolved. */
  private PrepareSpec prepare(PrepareSpec p, Map<String, String> names) {
    List<PrepareSpec.File> files = new ArrayList<>();
    for (PrepareSpec.File f : p.files()) {
      String from = declaration.baseDir().resolve(f.from()).normalize().toString();
      files.add(new PrepareSpec.File(from, f.to(), f.mode()));
    }
    return new PrepareSpec(files, p.run(), placeholders(p.env(), names), p.timeout());
  }

  private static Map<String, String> placeholders(
      Map<String, String> env, Map<String, String> names) {
    Map<String, String> out = new TreeMap<>();
    env.forEach(
        (k, v) -> {
          String value = v;
          for (Map.Entry<String, String> n : names.entrySet()) {
            value = value.replace(n.getKey(), n.getValue());
          }
          out.put(k, value);
        });
    return out;
  }

  @SafeVarargs
  private static Map<String, String> merge(Map<String, String>... layers) {
    Map<String, String> out = new TreeMap<>();
    for (Map<String, String> layer : layers) {
      out.putAll(layer);
    }
    return out;
  }
}
