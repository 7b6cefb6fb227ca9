package dev.osimages.engine.model;

/**
 * What the builder cleans from the finished root filesystem. Build-time resolv.conf and hostname
 * never reach an image with this engine; {@code hostFiles} also removes copies of the build host's
 * {@code /etc/resolv.conf} and {@code /etc/hostname} that a base (e.g. a bootstrap) left behind;
 * {@code buildTraces} removes or empties what records the build's time and host (the backends'
 * {@code builder.BuildTraces}) and clamps /etc/shadow's last-change days to SOURCE_DATE_EPOCH.
 * images.yaml decides only {@code aptLists} (its {@code hygiene.cleanApt}); the rest is fixed for
 * images ({@link #declared}) and off only for {@code engine build --no-hygiene}.
 */
public record Hygiene(
    boolean emptyMachineId,
    boolean removeSshHostKeys,
    boolean hostFiles,
    boolean aptLists,
    boolean buildTraces) {
  /**
   * The revision of what the backends' clean-up removes; bumped whenever that changes, so that
   * published sets made by an older clean-up are no longer up to date (see {@code
   * builder.Builder#recipe()}). 2: also systemd-resolved's backup of the host's resolv.conf. 3:
   * also dbus's copy of the machine id made during the build. 4: the build's traces (logs emptied,
   * caches and database backups removed, shadow dates clamped) for reproducible images.
   */
  public static final int REVISION = 4;

  /** Leave the result exactly as the Dockerfile made it. */
  public static final Hygiene NONE = new Hygiene(false, false, false, false, false);

  /** The four older rules as given; build traces go whenever any clean-up is asked for. */
  public Hygiene(
      boolean emptyMachineId, boolean removeSshHostKeys, boolean hostFiles, boolean aptLists) {
    this(
        emptyMachineId,
        removeSshHostKeys,
        hostFiles,
        aptLists,
        emptyMachineId || removeSshHostKeys || hostFiles || aptLists);
  }

  /** The clean-up of an image: every fixed rule, and apt's lists when {@code cleanApt}. */
  public static Hygiene declared(boolean cleanApt) {
    return new Hygiene(true, true, true, cleanApt, true);
  }

  /** True when nothing is to be cleaned. */
  public boolean none() {
    return !emptyMachineId && !removeSshHostKeys && !hostFiles && !aptLists && !buildTraces;
  }
}
