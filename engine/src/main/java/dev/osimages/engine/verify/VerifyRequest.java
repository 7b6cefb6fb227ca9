package dev.osimages.engine.verify;

import dev.osimages.engine.model.TargetKind;
import dev.osimages.engine.verify.targets.TargetOptions;
import java.nio.file.Path;
import java.util.List;

/**
 * What to verify: a cell (its id, for messages and events; "" for an arbitrary tree), its root
 * filesystem, the suites the test matrix assigns, the target ("rootfs", "boot", "vm") and options.
 */
public record VerifyRequest(
    String cell, Path rootfs, List<Suite> suites, TargetKind target, TargetOptions options) {
  public VerifyRequest {
    suites = List.copyOf(suites);
  }
}
