package dev.osimages.engine.render;

import com.github.mustachejava.Binding;
import com.github.mustachejava.Code;
import com.github.mustachejava.Iteration;
import com.github.mustachejava.ObjectHandler;
import com.github.mustachejava.TemplateContext;
import com.github.mustachejava.codes.IterableCode;
import com.github.mustachejava.codes.NotIterableCode;
import com.github.mustachejava.codes.ValueCode;
import com.github.mustachejava.util.Wrapper;
import dev.osimages.engine.render.TemplateVariable.Usage;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Resolves Mustache names against one flat map of strings, and nothing else: no reflection on Java
 * objects (so {@code {{bytes}}} inside a section can never reach {@code String.getBytes}), no
 * parent-scope fallbacks. A name the map lacks is an error naming template file:line and the cell;
 * a written value with a line break is an error. Sections treat the empty string as false and every
 * other string as true. It also records each reference as the template is compiled, which is how
 * {@link TemplateVariables} learns them without rendering.
 */
final class StrictObjectHandler implements ObjectHandler {
  private final Map<String, String> context;
  private final String cellId;
  private final List<TemplateVariable> references = new ArrayList<>();

  /** {@code context} may be null when the handler is only used to record references. */
  StrictObjectHandler(Map<String, String> context, String cellId) {
    this.context = context;
    this.cellId = cellId;
  }

  /**
   * Every variable reference seen while compiling, by file and line (mustache.java builds a
   * section's code after its body, so the order it meets them is not the order of the text).
   */
  List<TemplateVariable> references() {
    return references.stream()
        .sorted(Comparator.comparing(TemplateVariable::file).thenComparing(TemplateVariable::line))
        .toList();
  }

  @Override
  public Binding createBinding(String name, TemplateContext tc, Code code) {
    Usage usage = usageOf(code);
    if (usage == null) {
      // partials, comments: mustache.java gives every named tag a binding but never asks it
      return scopes -> {
        throw new IllegalStateException("no value binding for " + name + " at " + tc);
      };
    }
    TemplateVariable ref = new TemplateVariable(name, tc.file(), tc.line(), usage);
    references.add(ref);
    return scopes -> lookup(ref);
  }

  private static Usage usageOf(Code code) {
    if (code instanceof NotIterableCode) {
      return Usage.INVERTED;
    }
    if (code instanceof IterableCode) {
      return Usage.SECTION;
    }
    if (code instanceof ValueCode) {
      return Usage.VALUE;
    }
    return null;
  }

  private String lookup(TemplateVariable ref) {
    String value = context == null ? null : context.get(ref.name());
    if (value == null) {
      throw new RenderException(
          String.format(
              "%s: %s: no arg or field provides '%s' (cell %s)",
              ref.place(), ref.tag(), ref.name(), cellId));
    }
    if (ref.usage() == Usage.VALUE && (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0)) {
      throw new RenderException(
          String.format(
              "%s: %s: the value of '%s' contains a line break, which would inject Dockerfile"
                  + " instructions (cell %s)",
              ref.place(), ref.tag(), ref.name(), cellId));
    }
    return value;
  }

  @Override
  public Writer iterate(Iteration iteration, Writer writer, Object object, List<Object> scopes) {
    return isTrue(object) ? iteration.next(writer, object, scopes) : writer;
  }

  @Override
  public Writer falsey(Iteration iteration, Writer writer, Object object, List<Object> scopes) {
    return isTrue(object) ? writer : iteration.next(writer, object, scopes);
  }

  /** The documented truthiness of a string value: empty is false, anything else is true. */
  static boolean isTrue(Object value) {
    return value != null && !value.toString().isEmpty();
  }

  @Override
  public Wrapper find(String name, List<Object> scopes) {
    throw new IllegalStateException("strict templates resolve names by binding only: " + name);
  }

  @Override
  public Object coerce(Object object) {
    return object;
  }

  @Override
  public String stringify(Object object) {
    return object.toString();
  }
}
