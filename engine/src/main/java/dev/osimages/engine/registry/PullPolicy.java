package dev.osimages.engine.registry;

/**
 * When a tag is asked of the registry again ({@code --pull}). A digest reference is never fetched
 * twice whatever the policy: its content cannot change.
 */
public enum PullPolicy {
  /**
   * The default, as the Docker backend does: every tag is resolved again, and a registry that
   * cannot be reached leaves the last pulled copy in use, with a warning.
   */
  REFRESH,
  /** Every tag is resolved again; a registry that cannot be reached is an error. */
  ALWAYS,
  /** A tag pulled before is used as it was; only a tag never pulled is asked for. */
  MISSING,
  /** Nothing is asked of a registry: an image not pulled before is an error. */
  NEVER
}
