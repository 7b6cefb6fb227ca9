package dev.osimages.engine.verify;

import java.nio.file.Path;
import java.util.Map;

/**
 * One goss suite to run: its entry file, the variables (.Vars) to render it with, and environment
 * variables set for it over the process environment (.Env, getEnv), as a wrapper script exporting
 * them before running goss would.
 */
public record Suite(Path gossfile, Map<String, Object> vars, Map<String, String> env) {
  public Suite {
    // not Map.copyOf: YAML variables may be null
    vars = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(vars));
    env = Map.copyOf(env);
  }

  /** A suite rendered with the process environment only. */
  public Suite(Path gossfile, Map<String, Object> vars) {
    this(gossfile, vars, Map.of());
  }
}
