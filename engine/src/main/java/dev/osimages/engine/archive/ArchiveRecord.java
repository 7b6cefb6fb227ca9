package dev.osimages.engine.archive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a build took from the package archives, as manifest.json records it for provenance and for
 * replay: how the archive was reached (live, a snapshot, offline), the SOURCE_DATE_EPOCH the build
 * ran with, each suite's Release (URL, Suite, Codename, Date, sha256) and every file fetched (URL,
 * sha256, size, Last-Modified, and for a package its name, version and architecture).
 *
 * @param mode live, snapshot, offline or direct (nothing recorded)
 * @param snapshot the snapshot timestamp, when one was used
 */
public record ArchiveRecord(
    OptionalLong sourceDateEpoch,
    String mode,
    Optional<String> snapshot,
    List<Release> releases,
    List<Fetch> fetched) {
  public ArchiveRecord {
    releases = List.copyOf(releases);
    fetched = List.copyOf(fetched);
  }

  /** Nothing known (a set exported by hand). */
  public static final ArchiveRecord NONE =
      new ArchiveRecord(OptionalLong.empty(), "direct", Optional.empty(), List.of(), List.of());

  /** One suite's Release file as fetched: its URL and digest, and the fields that date it. */
  public record Release(String url, String suite, String codename, String date, String sha256) {}

  /**
   * The record of {@code fetched} (deduplicated by URL and digest, sorted by URL so the manifest
   * does not depend on download order), reading Release fields from the {@code store}.
   */
  public static ArchiveRecord of(
      OptionalLong epoch, ArchiveAccess access, List<Fetch> fetched, Optional<PackageStore> store) {
    Map<String, Fetch> unique = new LinkedHashMap<>();
    fetched.stream()
        .sorted(java.util.Comparator.comparing(Fetch::url).thenComparing(Fetch::sha256))
        .forEach(f -> unique.putIfAbsent(f.url() + " " + f.sha256(), f));
    List<Release> releases = new ArrayList<>();
    for (Fetch f : unique.values()) {
      if (f.url().endsWith("/InRelease") || f.url().endsWith("/Release")) {
        store.flatMap(s -> release(s, f)).ifPresent(releases::add);
      }
    }
    Optional<String> snap =
        access instanceof ArchiveAccess.Snapshot s ? Optional.of(s.timestamp()) : Optional.empty();
    return new ArchiveRecord(epoch, access.mode(), snap, releases, List.copyOf(unique.values()));
  }

  private static final Pattern FIELD = Pattern.compile("(?m)^(Suite|Codename|Date):\\s*(.*)$");

  private static Optional<Release> release(PackageStore store, Fetch f) {
    try {
      Path p = store.find(f);
      // Only the head of a Release file holds these fields; the checksum lists follow.
      byte[] head = new byte[8192];
      int n;
      try (var in = Files.newInputStream(p)) {
        n = in.readNBytes(head, 0, head.length);
      }
      Matcher m = FIELD.matcher(new String(head, 0, n, StandardCharsets.UTF_8));
      Map<String, String> v = new LinkedHashMap<>();
      while (m.find()) {
        v.putIfAbsent(m.group(1), m.group(2).strip());
      }
      return Optional.of(
          new Release(
              f.url(),
              v.getOrDefault("Suite", ""),
              v.getOrDefault("Codename", ""),
              v.getOrDefault("Date", ""),
              f.sha256()));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // the store lost it: the fetch itself stays recorded
    }
  }

  /** The packages among the fetches. */
  public List<Fetch> packages() {
    return fetched.stream().filter(f -> f.deb().isPresent()).toList();
  }
}
