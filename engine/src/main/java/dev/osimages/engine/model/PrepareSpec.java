package dev.osimages.engine.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A test's provisioning step: files copied onto a copy of the image, then {@code run} executed in
 * the image's chroot with {@code env} (placeholders {os} {version} {id} {distro} allowed). In the
 * declaration a file's {@code from} is relative to the declaration's directory; in a cell's {@link
 * TestAssignment} it is absolute and the placeholders are resolved.
 */
public record PrepareSpec(
    List<File> files, List<String> run, Map<String, String> env, Duration timeout) {
  /** The default time a provisioning command may take. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(300);

  public PrepareSpec {
    files = List.copyOf(files);
    run = List.copyOf(run);
    env = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(env));
  }

  /** A file or directory to copy: {@code mode} octal (e.g. 0755) or null to keep the file's own. */
  public record File(String from, String to, Integer mode) {}
}
