package dev.osimages.engine.verify.targets;

/**
 * A system under test that is producing probe results: a finished chroot run, a booted container, a
 * VM. Closing it stops the system and removes every mount and temp file.
 */
public interface TargetSession extends AutoCloseable {
  /** Everything the probe has sent back so far (zero or more BEGIN..END blocks). */
  String results();

  /** Whether the system is still running (more results may come). */
  boolean running();

  /** The console log (boot messages), for failure reports; "" when there is none. */
  String consoleLog();

  @Override
  void close();
}
