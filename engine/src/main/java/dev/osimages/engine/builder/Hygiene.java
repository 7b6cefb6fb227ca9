package dev.osimages.engine.builder;

/**
 * What to clean from the finished root filesystem. Build-time resolv.conf and hostname never reach
 * an image with this engine; {@code hostFiles} also removes copies of the build host's {@code
 * /etc/resolv.conf} and {@code /etc/hostname} that a base (e.g. a bootstrap) left behind.
 */
public record Hygiene(
    boolean emptyMachineId, boolean removeSshHostKeys, boolean hostFiles, boolean aptLists) {
  /**
   * The revision of what the backends' clean-up removes; bumped whenever that changes, so that
   * published sets made by an older clean-up are no longer up to date (see {@link
   * dev.osimages.engine.builder.Builder#recipe()}). 2: also systemd-resolved's backup of the host's
   * resolv.conf. 3: also dbus's copy of the machine id made during the build.
   */
  public static final int REVISION = 3;

  /** The default for images: everything except apt lists, which a declaration asks for. */
  public static final Hygiene STANDARD = new Hygiene(true, true, true, false);

  /** Leave the result exactly as the Dockerfile made it. */
  public static final Hygiene NONE = new Hygiene(false, false, false, false);

  /** True when nothing is to be cleaned. */
  public boolean none() {
    return !emptyMachineId && !removeSshHostKeys && !hostFiles && !aptLists;
  }
}
