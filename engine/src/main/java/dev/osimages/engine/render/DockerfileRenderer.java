package dev.osimages.engine.render;

import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * Renders a cell's Dockerfile from its Mustache template, strictly.
 *
 * <ul>
 *   <li>No HTML escaping: {@code &}, {@code <} and quotes are written as they are.
 *   <li>A name the context lacks is an error naming template file:line and the cell, e.g. {@code
 *       templates/debian.Dockerfile.mustache:12: {{CODENAME}}: no arg or field provides 'CODENAME'
 *       (cell debian/13)}. Names resolve against the flat context only.
 *   <li>A written value containing a line feed or carriage return is an error naming the key and
 *       the cell: it would add instructions to the Dockerfile.
 *   <li>Sections on strings: {@code {{#X}}...{{/X}}} is written when X is not the empty string,
 *       {@code {{^X}}...{{/X}}} when it is. "false" and "0" are true (non-empty); an optional
 *       feature is switched off by an empty arg.
 *   <li>Partials {@code {{> name}}} come from {@code partials/name.mustache} beside the template
 *       and may not escape that directory.
 *   <li>The output must begin (after blank lines, comments and a {@code # syntax} header) with
 *       {@code ARG BASE_IMAGE=...} then {@code FROM ${BASE_IMAGE}}, so every backend can substitute
 *       the base.
 * </ul>
 */
public final class DockerfileRenderer {

  /**
   * Renders {@code template} (absolute, or relative to {@code baseDir}) for cell {@code cellId}.
   *
   * @param baseDir the declaration's directory; file names in messages are relative to it
   * @param context every resolved arg by name plus the cell's fields (id, os, version, ...)
   * @return the Dockerfile text
   * @throws RenderException naming file:line and the cell
   */
  public String render(Path template, Path baseDir, String cellId, Map<String, String> context) {
    TemplateFiles files = TemplateFiles.of(template, baseDir);
    StrictObjectHandler handler = new StrictObjectHandler(Map.copyOf(context), cellId);
    StringWriter out = new StringWriter();
    try {
      Mustache mustache = new StrictMustacheFactory(files, handler).compileTemplate();
      mustache.execute(out, context);
    } catch (RuntimeException e) {
      throw explain(e, files.templateName(), " (cell " + cellId + ")");
    }
    String text = out.toString();
    BaseImageHeader.check(text, files.templateName(), cellId);
    return text;
  }

  /**
   * mustache.java wraps what a binding or the visitor throws; find our own message in the chain, or
   * turn the library's (which carries [file:line]) into one that names the cell.
   */
  static RenderException explain(RuntimeException e, String templateName, String cellSuffix) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RenderException r) {
        return r;
      }
    }
    if (e instanceof MustacheException) {
      return new RenderException(templateName + ": " + e.getMessage() + cellSuffix, e);
    }
    throw e;
  }
}
