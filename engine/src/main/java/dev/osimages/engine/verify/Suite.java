package dev.osimages.engine.verify;

import java.nio.file.Path;
import java.util.Map;

/** One goss suite to run: its entry file and the variables (.Vars) to render it with. */
public record Suite(Path gossfile, Map<String, Object> vars) {
  public Suite {
    // not Map.copyOf: YAML variables may be null
    vars = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(vars));
  }
}
