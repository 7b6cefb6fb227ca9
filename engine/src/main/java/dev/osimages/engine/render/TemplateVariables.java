package dev.osimages.engine.render;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The variables a template and its partials reference, each with the file and line where it
 * appears, found by compiling the template without rendering it. Validation uses it before any
 * build: a variable that no arg or field provides is an error (it would fail rendering, even inside
 * a section that is off for this cell), and an arg that no template of its cells references is a
 * warning.
 */
public record TemplateVariables(String template, List<TemplateVariable> references) {
  public TemplateVariables {
    references = List.copyOf(references);
  }

  /**
   * Compiles {@code template} (absolute or relative to {@code baseDir}) and its partials.
   *
   * @throws RenderException on a syntax error, a missing or escaping partial
   */
  public static TemplateVariables scan(Path template, Path baseDir) {
    TemplateFiles files = TemplateFiles.of(template, baseDir);
    StrictObjectHandler recorder = new StrictObjectHandler(null, null);
    try {
      new StrictMustacheFactory(files, recorder).compileTemplate();
    } catch (RuntimeException e) {
      throw DockerfileRenderer.explain(e, files.templateName(), "");
    }
    return new TemplateVariables(files.templateName(), recorder.references());
  }

  /** The distinct names referenced, sorted. */
  public Set<String> names() {
    Set<String> names = new TreeSet<>();
    references.forEach(r -> names.add(r.name()));
    return names;
  }

  /** The first reference to {@code name} (for a message's place), or null. */
  public TemplateVariable firstReference(String name) {
    return references.stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
  }
}
