package dev.osimages.engine.builder;

import dev.osimages.engine.event.EventListener;
import dev.osimages.engine.model.Hygiene;

/**
 * Builds one image from its rendered Dockerfile into a root filesystem. Backends (the daemonless
 * chroot backend, later Docker) implement this; callers see only requests, results and events.
 */
public interface Builder {
  /**
   * Builds {@code request}, reporting steps and output to {@code events}.
   *
   * @throws BuildException when a step fails (names cell, Dockerfile line, exit code, output)
   */
  BuildResult build(BuildRequest request, EventListener events);

  /**
   * What decides an image's content besides its declared inputs: the backend and the revision of
   * its clean-up, e.g. "chroot, hygiene 4". Recorded in manifest.json as {@code builtWith}; a
   * published set with another value is not up to date.
   */
  String recipe();

  /** The {@link #recipe()} of a backend named {@code backend} with the current clean-up. */
  static String recipe(String backend) {
    return backend + ", hygiene " + Hygiene.REVISION;
  }
}
