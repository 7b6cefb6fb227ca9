package dev.osimages.engine.dockerfile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The leading {@code --name=value} flags of an instruction and the text after them. A flag may be
 * repeated ({@code RUN --mount=... --mount=...}); {@link #get} gives the last value, {@link #all}
 * every one in order.
 */
final class Flags {
  private final Map<String, List<String>> values;
  private final String rest;
  private final String file;
  private final int line;

  private Flags(Map<String, List<String>> values, String rest, String file, int line) {
    this.values = values;
    this.rest = rest;
    this.file = file;
    this.line = line;
  }

  /** Takes flags off the front of {@code text}. */
  static Flags take(String text, String file, int line) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    String rest = text;
    while (rest.startsWith("--")) {
      int end = 0;
      while (end < rest.length() && !Character.isWhitespace(rest.charAt(end))) {
        end++;
      }
      String flag = rest.substring(2, end);
      int eq = flag.indexOf('=');
      values
          .computeIfAbsent(eq < 0 ? flag : flag.substring(0, eq), k -> new ArrayList<>())
          .add(eq < 0 ? "" : flag.substring(eq + 1));
      rest = rest.substring(end).strip();
    }
    return new Flags(values, rest, file, line);
  }

  String rest() {
    return rest;
  }

  Optional<String> get(String name) {
    List<String> v = values.get(name);
    return v == null ? Optional.empty() : Optional.of(v.get(v.size() - 1));
  }

  List<String> all(String name) {
    return List.copyOf(values.getOrDefault(name, List.of()));
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
