package dev.osimages.engine.builder;

/**
 * Where the value of a build secret comes from ({@code RUN --mount=type=secret,id=ID}): a file on
 * this host or an environment variable of the engine. The value itself is read only while the step
 * that mounts it runs: it never enters a request, a cache key, a log or a layer.
 */
public sealed interface BuildSecret {
  /** Names the source for messages (never the value). */
  String describe();

  /** The content of a file. */
  record FromFile(java.nio.file.Path file) implements BuildSecret {
    @Override
    public String describe() {
      return "file " + file;
    }
  }

  /** The value of an environment variable of the engine process. */
  record FromEnv(String variable) implements BuildSecret {
    @Override
    public String describe() {
      return "environment variable " + variable;
    }
  }
}
