package dev.osimages.engine.verify.gossfile;

import dev.osimages.engine.verify.resource.ResourceDecl;
import dev.osimages.engine.verify.resource.ResourceKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads a goss file as goss does: renders it as a Go template (with .Env and .Vars), parses the
 * YAML, follows {@code gossfile:} includes (relative to the including file, globbed, sorted, {@code
 * skip} marks every resource skipped, at most 50 deep), rejects unknown attributes and empty
 * resources, and merges resources by kind and id (a later duplicate replaces an earlier). Every
 * error names file:line and maps to goss's exit code 78.
 */
public final class GossfileLoader {
  private static final int MAX_DEPTH = 50;

  private final Map<String, Object> data;
  private final Map<String, String> env;
  private final ImageFiles files;
  private Path suiteDir;

  /** A loader rendering templates with these variables and environment, without image files. */
  public GossfileLoader(Map<String, Object> vars, Map<String, String> env) {
    this(vars, env, ImageFiles.NONE);
  }

  /**
   * A loader rendering templates with these variables (.Vars) and environment (.Env); readFile
   * reads absolute paths from {@code files} (the image).
   */
  public GossfileLoader(Map<String, Object> vars, Map<String, String> env, ImageFiles files) {
    this.env = Map.copyOf(env);
    this.files = files;
    this.data =
        Map.of(
            "Vars",
            java.util.Collections.unmodifiableMap(new LinkedHashMap<>(vars)),
            "Env",
            Map.copyOf(env));
  }

  /** Loads a file and its includes; resources come out in goss's kind order, ids sorted. */
  public List<ResourceDecl> load(Path file) {
    Map<String, ResourceDecl> byKey = new LinkedHashMap<>();
    Path top = file.toAbsolutePath().normalize();
    suiteDir = top.getParent(); // goss's working directory when the old pipeline runs it
    loadInto(top, false, 0, byKey);
    List<ResourceDecl> out = new ArrayList<>(byKey.values());
    out.sort(
        java.util.Comparator.comparing((ResourceDecl r) -> r.kind().ordinal())
            .thenComparing(ResourceDecl::id));
    return out;
  }

  private void loadInto(Path file, boolean skip, int depth, Map<String, ResourceDecl> out) {
    if (depth > MAX_DEPTH) {
      throw new GossLoadException(file + ": gossfile includes nested deeper than " + MAX_DEPTH);
    }
    String name = file.toString();
    String rendered;
    try {
      rendered =
          GoTemplate.render(
              name, YamlData.readText(file), data, TemplateFunctions.goss(env, files, suiteDir));
    } catch (TemplateException e) {
      throw new GossLoadException(e.getMessage(), e);
    }
    try {
      sections(file, name, rendered, skip, depth, out);
    } catch (YamlData.BadMerge e) {
      throw e.in(name);
    }
  }

  private void sections(
      Path file,
      String name,
      String rendered,
      boolean skip,
      int depth,
      Map<String, ResourceDecl> out) {
    for (YamlData.Entry section : YamlData.topLevel(name, rendered)) {
      if (section.key().equals("gossfile")) {
        includes(file, section, skip, depth, out);
        continue;
      }
      ResourceKind kind =
          ResourceKind.forKey(section.key())
              .orElseThrow(
                  () ->
                      new GossLoadException(
                          name
                              + ":"
                              + section.line()
                              + ": unknown resource type \""
                              + section.key()
                              + "\""));
      for (YamlData.Entry res : YamlData.entries(name, section)) {
        ResourceDecl decl = resource(name, kind, res);
        out.put(kind.yamlKey() + "\0" + decl.id(), skip ? decl.skipped() : decl);
      }
    }
  }

  private ResourceDecl resource(String file, ResourceKind kind, YamlData.Entry res) {
    String where = file + ":" + res.line();
    if (YamlData.isNull(res)) {
      throw new GossLoadException(
          where + ": Could not parse resource " + kind.typeName() + ":" + res.key());
    }
    Object body = YamlData.data(res.value());
    if (!(body instanceof Map<?, ?> attrs)) {
      throw new GossLoadException(
          where
              + ": "
              + kind.yamlKey()
              + " \""
              + res.key()
              + "\": expected a mapping of attributes");
    }
    for (Object attr : attrs.keySet()) {
      if (!kind.allowedAttributes().contains(attr.toString())) {
        throw new GossLoadException(
            where
                + ": "
                + kind.yamlKey()
                + " \""
                + res.key()
                + "\": unknown attribute \""
                + attr
                + "\" (allowed: "
                + new java.util.TreeSet<>(kind.allowedAttributes())
                + ")");
      }
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> typed = (Map<String, Object>) attrs;
    return new ResourceDecl(kind, res.key(), typed, where);
  }

  private void includes(
      Path file, YamlData.Entry section, boolean skip, int depth, Map<String, ResourceDecl> out) {
    String name = file.toString();
    for (YamlData.Entry inc : YamlData.entries(name, section)) {
      Object body = YamlData.data(inc.value());
      boolean incSkip = skip;
      if (body instanceof Map<?, ?> m) {
        for (Object k : m.keySet()) {
          if (!k.equals("skip") && !k.equals("file")) {
            throw new GossLoadException(
                name
                    + ":"
                    + inc.line()
                    + ": gossfile \""
                    + inc.key()
                    + "\": unknown attribute \""
                    + k
                    + "\"");
          }
        }
        incSkip |= Boolean.TRUE.equals(m.get("skip"));
      }
      String pattern =
          body instanceof Map<?, ?> m && m.get("file") != null
              ? m.get("file").toString()
              : inc.key();
      List<Path> matches = IncludeGlob.expand(file.getParent(), pattern);
      if (matches.isEmpty()) {
        throw new GossLoadException(
            name + ":" + inc.line() + ": gossfile \"" + pattern + "\": no files match");
      }
      for (Path p : matches) {
        loadInto(p, incSkip, depth + 1, out);
      }
    }
  }
}
