package dev.osimages.engine.export;

import dev.osimages.engine.archive.ArchiveRecord;
import dev.osimages.engine.archive.Fetch;
import dev.osimages.engine.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The {@code archive} part of manifest.json (beside the top-level {@code sourceDateEpoch}): written
 * from an {@link ArchiveRecord}, and read back from a published set, for the epoch and the fetches
 * a rebuild or an offline build replays. The form, for provenance to cite:
 *
 * <pre>
 * "sourceDateEpoch": 1796017871,
 * "archive": {
 *   "mode": "live" | "snapshot" | "offline",
 *   "snapshot": "20261130T000000Z",            (snapshot builds only)
 *   "releases": [{"url", "suite", "codename", "date", "sha256"}, ...],
 *   "fetched": [{"url", "sha256", "size", "lastModified"[, "package", "version", "architecture"]}, ...]
 * }
 * </pre>
 */
public final class ManifestArchive {
  private ManifestArchive() {}

  /** The {@code archive} object of {@code r}. */
  static Map<String, Object> json(ArchiveRecord r) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("mode", r.mode());
    r.snapshot().ifPresent(s -> a.put("snapshot", s));
    List<Object> releases = new ArrayList<>();
    for (ArchiveRecord.Release x : r.releases()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("url", x.url());
      m.put("suite", x.suite());
      m.put("codename", x.codename());
      m.put("date", x.date());
      m.put("sha256", x.sha256());
      releases.add(m);
    }
    a.put("releases", releases);
    a.put("fetched", r.fetched().stream().map(ManifestArchive::fetch).toList());
    return a;
  }

  private static Map<String, Object> fetch(Fetch f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("url", f.url());
    m.put("sha256", f.sha256());
    m.put("size", f.size());
    m.put("lastModified", f.lastModified());
    f.deb()
        .ifPresent(
            d -> {
              m.put("package", d.name());
              m.put("version", d.version());
              m.put("architecture", d.architecture());
            });
    return m;
  }

  /** The SOURCE_DATE_EPOCH recorded in the manifest of the set in {@code dir}, if any. */
  public static OptionalLong epoch(Path dir) {
    return ImageSet.manifest(dir)
        .map(m -> m.longValue("sourceDateEpoch"))
        .orElse(OptionalLong.empty());
  }

  /** The snapshot timestamp recorded in the manifest of the set in {@code dir}, if any. */
  public static Optional<String> snapshot(Path dir) {
    return archive(dir).map(a -> a.string("snapshot", "")).filter(s -> !s.isEmpty());
  }

  /** The fetches recorded in the manifest of the set in {@code dir} (empty when none). */
  public static List<Fetch> fetched(Path dir) {
    return archive(dir).map(ManifestArchive::fetches).orElse(List.of());
  }

  /**
   * The archive record of a manifest read back ({@link ArchiveRecord#NONE} when it has none), so a
   * manifest rewritten after signing keeps it.
   */
  static ArchiveRecord read(JsonObject manifest) {
    Optional<JsonObject> a = manifest.object("archive");
    if (a.isEmpty()) {
      return ArchiveRecord.NONE;
    }
    List<ArchiveRecord.Release> releases = new ArrayList<>();
    for (JsonObject r :
        a.get().has("releases") ? a.get().objects("releases") : List.<JsonObject>of()) {
      releases.add(
          new ArchiveRecord.Release(
              r.string("url"),
              r.string("suite"),
              r.string("codename"),
              r.string("date"),
              r.string("sha256")));
    }
    return new ArchiveRecord(
        manifest.longValue("sourceDateEpoch"),
        a.get().string("mode"),
        Optional.of(a.get().string("snapshot", "")).filter(s -> !s.isEmpty()),
        releases,
        fetches(a.get()));
  }

  private static List<Fetch> fetches(JsonObject archive) {
    if (!archive.has("fetched")) {
      return List.of();
    }
    List<Fetch> out = new ArrayList<>();
    for (JsonObject f : archive.objects("fetched")) {
      Optional<Fetch.DebPackage> deb =
          f.has("package")
              ? Optional.of(
                  new Fetch.DebPackage(
                      f.string("package"), f.string("version"), f.string("architecture")))
              : Optional.empty();
      out.add(
          new Fetch(
              f.string("url"),
              f.string("sha256"),
              f.longValue("size").orElse(-1),
              f.string("lastModified", ""),
              deb));
    }
    return out;
  }

  private static Optional<JsonObject> archive(Path dir) {
    return ImageSet.manifest(dir).flatMap(m -> m.object("archive"));
  }
}
