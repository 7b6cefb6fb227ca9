package dev.osimages.engine.builder.chroot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What is in effect while a stage builds: ENV (kept by the image), ARGs (visible to RUN, not kept),
 * WORKDIR, USER, SHELL, the stage's layers (bottom first) and the cache key of its filesystem so
 * far. A stage used as another stage's FROM hands over a copy.
 */
final class StageState {
  static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");
  static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  final Map<String, String> env = new LinkedHashMap<>();
  final Map<String, String> args = new LinkedHashMap<>();
  String workdir = "/";
  String user = "";
  List<String> shell = DEFAULT_SHELL;
  final List<Path> layers = new ArrayList<>();
  String key;

  StageState(String key, List<Path> layers) {
    this.key = key;
    this.layers.addAll(layers);
  }

  /** A copy for a stage that starts FROM this one (ARGs do not carry over, as in Docker). */
  StageState inherit() {
    StageState s = new StageState(key, layers);
    s.env.putAll(env);
    s.workdir = workdir;
    s.user = user;
    s.shell = shell;
    return s;
  }

  /** Values for variable substitution: ARGs, overridden by ENV (as Docker). */
  Map<String, String> vars() {
    Map<String, String> v = new LinkedHashMap<>(args);
    v.putAll(env);
    return v;
  }

  /** The environment of a RUN: ARGs and ENV, plus Docker's PATH and HOME defaults. */
  Map<String, String> runEnv(String home) {
    Map<String, String> v = vars();
    v.putIfAbsent("PATH", DEFAULT_PATH);
    v.putIfAbsent("HOME", home);
    return v;
  }

  /** A canonical text of everything a RUN's result depends on besides the filesystem. */
  String runContext() {
    return "env="
        + env
        + "\nargs="
        + args
        + "\nworkdir="
        + workdir
        + "\nuser="
        + user
        + "\nshell="
        + shell;
  }
}
