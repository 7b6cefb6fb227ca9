package dev.osimages.engine.dockerfile;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The leading {@code --name=value} flags of an instruction and the text after them. */
final class Flags {
  private final Map<String, String> values;
  private final String rest;
  private final String file;
  private final int line;

  private Flags(Map<String, String> values, String rest, String file, int line) {
    this.values = values;
    this.rest = rest;
    this.file = file;
    this.line = line;
  }

  /** Takes flags off the front of {@code text}. */
  static Flags take(String text, String file, int line) {
    Map<String, String> values = new LinkedHashMap<>();
    String rest = text;
    while (rest.startsWith("--")) {
      int end = 0;
      while (end < rest.length() && !Character.isWhitespace(rest.charAt(end))) {
        end++;
      }
      String flag = rest.substring(2, end);
      int eq = flag.indexOf('=');
      values.put(eq < 0 ? flag : flag.substring(0, eq), eq < 0 ? "" : flag.substring(eq + 1));
      rest = rest.substring(end).strip();
    }
    return new Flags(values, rest, file, line);
  }

  String rest() {
    return rest;
  }

  Optional<String> get(String name) {
    return Optional.ofNullable(values.get(name));
  }

  /** Fails on any flag not in {@code allowed}, naming it and the line. */
  void allowOnly(Set<String> allowed, String keyword) {
    for (String name : values.keySet()) {
      if (!allowed.contains(name)) {
        throw new DockerfileException(
            file, line, keyword + " --" + name + " is not supported by this engine");
      }
    }
  }
}
