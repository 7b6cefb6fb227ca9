package dev.osimages.engine.verify;

import dev.osimages.engine.model.TargetKind;
import dev.osimages.engine.verify.targets.Preparation;
import dev.osimages.engine.verify.targets.TargetOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What to verify: a cell (its id, for messages and events; "" for an arbitrary tree), its root
 * filesystem, the suites the test matrix assigns, the target and options; optionally a preparation
 * run on a copy of the image first, and the MAC addresses of the NICs a VM gets.
 */
public record VerifyRequest(
    String cell,
    Path rootfs,
    List<Suite> suites,
    TargetKind target,
    TargetOptions options,
    Optional<Preparation> prepare,
    List<String> nics) {
  public VerifyRequest {
    suites = List.copyOf(suites);
    nics = List.copyOf(nics);
  }

  /** A request without preparation or NICs. */
  public VerifyRequest(
      String cell, Path rootfs, List<Suite> suites, TargetKind target, TargetOptions options) {
    this(cell, rootfs, suites, target, options, Optional.empty(), List.of());
  }
}
