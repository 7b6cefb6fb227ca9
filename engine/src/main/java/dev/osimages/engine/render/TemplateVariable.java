package dev.osimages.engine.render;

/**
 * One reference to a variable in a template or one of its partials: its name, the file (relative to
 * the declaration's directory, as messages print it), the 1-based line, and how it is used.
 */
public record TemplateVariable(String name, String file, int line, Usage usage) {

  /** How a template uses a variable. */
  public enum Usage {
    /** {@code {{X}}}, {@code {{{X}}}} or {@code {{&X}}}: the value is written out. */
    VALUE,
    /** {@code {{#X}}...{{/X}}}: the block is written when X is not empty. */
    SECTION,
    /** {@code {{^X}}...{{/X}}}: the block is written when X is empty. */
    INVERTED
  }

  /** {@code file:line}, the way error messages print a place. */
  public String place() {
    return file + ":" + line;
  }

  /** The tag as written, for messages: {@code {{X}}}, {@code {{#X}}} or {@code {{^X}}}. */
  public String tag() {
    return switch (usage) {
      case VALUE -> "{{" + name + "}}";
      case SECTION -> "{{#" + name + "}}";
      case INVERTED -> "{{^" + name + "}}";
    };
  }
}
