package dev.osimages.engine.verify.targets;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A provisioning step before the system under test starts, as the old pipeline's test did it: files
 * copied onto a copy of the image, then a command run in the image's chroot (proc, sys and dev
 * mounted; private mount, pid and network namespaces) with exactly these environment variables. Its
 * exit status decides: anything but 0 fails the verification. {@code test} names the test-matrix
 * entry in messages.
 */
public record Preparation(
    String test,
    List<CopyIn> files,
    List<String> command,
    Map<String, String> env,
    Duration timeout) {
  public Preparation {
    files = List.copyOf(files);
    command = List.copyOf(command);
    env = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(env));
  }

  /**
   * A host file or directory copied to an absolute path of the image (a directory's contents go
   * under the target); {@code mode} (e.g. 0755) is set on a copied file, or null to keep its own.
   */
  public record CopyIn(Path source, String target, Integer mode) {}
}
