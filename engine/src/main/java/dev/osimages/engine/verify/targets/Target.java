package dev.osimages.engine.verify.targets;

import dev.osimages.engine.model.TargetKind;
import java.io.IOException;

/** Where a suite's facts are gathered: rootfs (offline), boot (nspawn), vm (QEMU). */
public interface Target {
  /** The target's name as the CLI spells it. */
  String name();

  /** Whether runtime resources (running services, ports, processes) can be tested. */
  boolean booted();

  /** Starts the system with the probe; never modifies a layer of {@code image}. */
  TargetSession start(SystemImage image, String probeScript, TargetOptions options)
      throws IOException;

  /** The target for a CLI name. */
  static Target of(TargetKind kind) {
    return switch (kind) {
      case ROOTFS -> new RootfsTarget();
      case BOOT -> new BootTarget();
      case VM -> new VmTarget();
    };
  }
}
