package dev.osimages.engine.render;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.DefaultMustacheVisitor;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheVisitor;
import com.github.mustachejava.TemplateContext;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A mustache.java factory for one Dockerfile template: no HTML escaping, template names shown
 * relative to the declaration's directory (so compile errors and bindings carry the path operators
 * know), and partials confined to the {@code partials/} directory beside the template. A partial is
 * named by a plain word ({@code {{> apt-clean}}} is {@code partials/apt-clean.mustache}); slashes,
 * dots and anything resolving outside that directory (a symlink included) are refused. Template
 * inheritance, dynamic partials and pragmas are refused too: a Dockerfile template needs none.
 */
final class StrictMustacheFactory extends DefaultMustacheFactory {
  private static final Pattern PARTIAL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

  private final TemplateFiles files;
  private final Map<String, Path> partials = new HashMap<>();

  StrictMustacheFactory(TemplateFiles files, StrictObjectHandler handler) {
    this.files = files;
    setObjectHandler(handler);
  }

  /** Compiles the template and, through their tags, every partial it includes. */
  Mustache compileTemplate() {
    return compile(files.templateName());
  }

  @Override
  public void encode(String value, Writer writer) {
    try {
      writer.write(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Reader getReader(String name) {
    Path file = name.equals(files.templateName()) ? files.template() : partials.get(name);
    if (file == null) {
      throw new RenderException(name + ": not a template of " + files.templateName());
    }
    try {
      return Files.newBufferedReader(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new RenderException(name + ": cannot read template: " + e.getMessage(), e);
    }
  }

  @Override
  public String resolvePartialPath(String dir, String name, String extension) {
    // the visitor has already checked the name and the file; this only maps name -> path
    Path file = files.partial(name);
    String shown = files.display(file);
    partials.put(shown, file);
    return shown;
  }

  @Override
  public MustacheVisitor createMustacheVisitor() {
    return new DefaultMustacheVisitor(this) {
      @Override
      public void partial(TemplateContext tc, String variable, String indent) {
        checkPartial(tc, variable.trim());
        super.partial(tc, variable, indent);
      }

      @Override
      public void value(TemplateContext tc, String variable, boolean encoded) {
        checkVariableName(tc, "{{" + variable + "}}", variable);
        super.value(tc, variable, encoded);
      }

      @Override
      public void iterable(TemplateContext tc, String variable, Mustache mustache) {
        checkVariableName(tc, "{{#" + variable + "}}", variable);
        super.iterable(tc, variable, mustache);
      }

      @Override
      public void notIterable(TemplateContext tc, String variable, Mustache mustache) {
        checkVariableName(tc, "{{^" + variable + "}}", variable);
        super.notIterable(tc, variable, mustache);
      }

      @Override
      public void dynamicPartial(TemplateContext tc, String variable, String indent) {
        throw unsupported(tc, "{{>*" + variable + "}}", "dynamic partials");
      }

      @Override
      public void extend(TemplateContext tc, String variable, Mustache mustache) {
        throw unsupported(tc, "{{<" + variable + "}}", "template inheritance");
      }

      @Override
      public void name(TemplateContext tc, String variable, Mustache mustache) {
        throw unsupported(tc, "{{$" + variable + "}}", "template inheritance");
      }

      @Override
      public void pragma(TemplateContext tc, String pragma, String args) {
        throw unsupported(tc, "{{%" + pragma + "}}", "pragmas");
      }
    };
  }

  /** Context keys are plain names; {@code {{.}}} and dotted paths would reach Java objects. */
  private static void checkVariableName(TemplateContext tc, String tag, String name) {
    if (name.isEmpty() || name.contains(".")) {
      throw new RenderException(
          tc.file()
              + ":"
              + tc.line()
              + ": "
              + tag
              + ": names are plain arg or field names (no '.' paths)");
    }
  }

  private void checkPartial(TemplateContext tc, String name) {
    String where = tc.file() + ":" + tc.line() + ": {{> " + name + "}}: ";
    if (!PARTIAL_NAME.matcher(name).matches()) {
      throw new RenderException(
          where
              + "a partial is named by a plain word ([A-Za-z0-9_-]) and lives in "
              + files.partialsShown());
    }
    String problem = files.checkPartial(name);
    if (problem != null) {
      throw new RenderException(where + problem);
    }
  }

  private static RenderException unsupported(TemplateContext tc, String tag, String what) {
    return new RenderException(
        tc.file()
            + ":"
            + tc.line()
            + ": "
            + tag
            + ": "
            + what
            + " are not supported in Dockerfile templates");
  }
}
