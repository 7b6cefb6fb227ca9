package dev.osimages.engine.model;

/** Where a goss suite runs against an image. */
public enum TargetKind {
  /** Offline, against the root filesystem. */
  ROOTFS,
  /** The root filesystem booted as a systemd container. */
  BOOT,
  /** The image's own kernel booted in a virtual machine. */
  VM;

  /** The spelling used in images.yaml and on the command line. */
  public String yamlName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The same spelling, so that the command line's help and completion list it. */
  @Override
  public String toString() {
    return yamlName();
  }
}
