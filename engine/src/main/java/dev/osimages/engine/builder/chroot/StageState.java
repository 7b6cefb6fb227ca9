package dev.osimages.engine.builder.chroot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What is in effect while a stage builds: the environment (ENV and the ARGs that have a value, in
 * one map where the later instruction wins, as BuildKit keeps them), the ARGs declared, WORKDIR,
 * USER, SHELL, the stage's layers (bottom first) and the cache key of its filesystem so far. A
 * stage used as another stage's FROM hands over a copy, environment included: BuildKit's child
 * stages see their parent's ARG values too, with the parent's ENV values set again on top.
 */
final class StageState {
  static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");
  static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  final Map<String, String> env = new LinkedHashMap<>();

  /** What ENV set (the image's configured environment): it wins again in a child stage. */
  final Map<String, String> imageEnv = new LinkedHashMap<>();

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

  /** A copy for a stage that starts FROM this one (ARG declarations do not carry over). */
  StageState inherit() {
    StageState s = new StageState(key, layers);
    s.env.putAll(env);
    s.env.putAll(imageEnv);
    s.imageEnv.putAll(imageEnv);
    s.workdir = workdir;
    s.user = user;
    s.shell = shell;
    return s;
  }

  /** Values for variable substitution: the environment, ARG values included. */
  Map<String, String> vars() {
    return new LinkedHashMap<>(env);
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
