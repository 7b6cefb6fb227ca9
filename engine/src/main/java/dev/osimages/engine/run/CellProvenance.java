package dev.osimages.engine.run;

import dev.osimages.engine.archive.ArchiveRecord;
import dev.osimages.engine.archive.Fetch;
import dev.osimages.engine.builder.BuildResult;
import dev.osimages.engine.export.ImageSet;
import dev.osimages.engine.export.Publisher;
import dev.osimages.engine.export.StagedExport;
import dev.osimages.engine.host.Digests;
import dev.osimages.engine.model.Base;
import dev.osimages.engine.model.Cell;
import dev.osimages.engine.plan.ContextFiles;
import dev.osimages.engine.plan.PlannedCell;
import dev.osimages.engine.plan.Workspace;
import dev.osimages.engine.provenance.GitSource;
import dev.osimages.engine.provenance.ProvenanceInput;
import dev.osimages.engine.provenance.ProvenanceInput.Dependency;
import dev.osimages.engine.provenance.SlsaProvenance;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The provenance of one cell built by {@code engine run}: the declaration (its git commit, path and
 * whether the cell's inputs differ from the commit), the cell, its resolved args, the digests of
 * its rendered Dockerfile and merged contexts, its input hash, its base (a bootstrap with the
 * archive's Release dates, a registry reference, or the base cell with its input hash and published
 * tarball), what apt fetched (each Release and package file with its digest, and the build's
 * SOURCE_DATE_EPOCH and archive mode), and the run (engine version, backend and clean-up revision,
 * build log, host, times).
 */
final class CellProvenance {
  private final Workspace.Loaded loaded;
  private final String engineVersion;
  private final String recipe;

  CellProvenance(Workspace.Loaded loaded, String engineVersion, String recipe) {
    this.loaded = loaded;
    this.engineVersion = engineVersion;
    this.recipe = recipe;
  }

  String write(
      PlannedCell p,
      BuildResult built,
      StagedExport staged,
      Instant started,
      ArchiveRecord archive) {
    Cell cell = p.cell();
    Path declaration = loaded.declaration().file();
    Path base = loaded.declaration().baseDir();
    List<Path> inputs = new ArrayList<>(List.of(declaration, cell.template()));
    inputs.addAll(cell.contexts());
    Optional<GitSource> git = GitSource.of(declaration, inputs);
    Map<String, Object> decl = new LinkedHashMap<>();
    decl.put("path", git.map(GitSource::path).orElse(declaration.toAbsolutePath().toString()));
    git.ifPresent(
        g -> {
          decl.put("commit", g.commit());
          decl.put("dirty", g.dirty());
        });
    Map<String, Object> external = new LinkedHashMap<>();
    external.put("declaration", decl);
    external.put("cell", cell.id());
    external.put("args", new LinkedHashMap<>(cell.args()));
    Map<String, Object> internal = new LinkedHashMap<>();
    internal.put("inputHash", p.inputHash());
    internal.put(
        "dockerfile",
        Map.of(
            "template", base.relativize(cell.template()).toString(),
            "sha256", Digests.ofBytes(p.dockerfile().getBytes(StandardCharsets.UTF_8))));
    internal.put(
        "contexts",
        Map.of(
            "directories",
            cell.contexts().stream().map(c -> base.relativize(c).toString()).toList(),
            "sha256",
            ContextFiles.digest(cell.contexts())));
    internal.put("packageManager", cell.packageManager().yamlName());
    internal.put("cleanApt", loaded.declaration().hygiene().aptLists());
    archive.sourceDateEpoch().ifPresent(e -> internal.put("sourceDateEpoch", e));
    if (!archive.equals(ArchiveRecord.NONE)) {
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("mode", archive.mode());
      archive.snapshot().ifPresent(t -> a.put("snapshot", t));
      internal.put("archive", a);
    }
    List<Dependency> deps = new ArrayList<>();
    git.ifPresent(
        g ->
            deps.add(
                new Dependency(
                    "declaration",
                    "git+file://" + g.top() + "@" + g.commit() + "#" + g.path(),
                    Map.of("gitCommit", g.commit()),
                    Map.of())));
    deps.add(base(cell, built, p));
    deps.addAll(archiveFiles(archive));
    String host = Publisher.hostName();
    String backend = recipe.split(",")[0].strip();
    return SlsaProvenance.write(
        new ProvenanceInput(
            SlsaProvenance.BUILD_TYPE_RUN,
            ImageSet.TARBALL,
            staged.sha256(),
            external,
            internal,
            deps,
            "urn:osimages:engine:" + backend,
            Map.of("osimages-engine", engineVersion, "builtWith", recipe),
            host + ":" + built.log(),
            host,
            started,
            Instant.now()));
  }

  /**
   * What apt took from the package archives (as manifest.json's archive record has it): each
   * suite's Release with its date, and each package file with its name, version and architecture.
   */
  private static List<Dependency> archiveFiles(ArchiveRecord archive) {
    List<Dependency> out = new ArrayList<>();
    for (ArchiveRecord.Release r : archive.releases()) {
      out.add(
          new Dependency(
              "release",
              r.url(),
              Map.of("sha256", r.sha256()),
              Map.of("suite", r.suite(), "codename", r.codename(), "date", r.date())));
    }
    for (Fetch f : archive.fetched()) {
      f.deb()
          .ifPresent(
              d ->
                  out.add(
                      new Dependency(
                          "package",
                          f.url(),
                          Map.of("sha256", f.sha256()),
                          Map.of(
                              "package", d.name(),
                              "version", d.version(),
                              "architecture", d.architecture()))));
    }
    return out;
  }

  private Dependency base(Cell cell, BuildResult built, PlannedCell p) {
    Base spec = cell.base();
    if (spec instanceof Base.Bootstrap b) {
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("suite", b.suite());
      a.put("variant", b.variant());
      a.put("components", b.components());
      a.put("packages", b.packages());
      a.put("mirror", b.mirror().orElse("(mmdebstrap's default)"));
      b.archiveKey().ifPresent(k -> a.put("archiveKeyFingerprint", k.fingerprint()));
      a.put("releaseDates", built.releaseDates());
      return new Dependency("base", "bootstrap:" + b.suite() + "/" + b.variant(), Map.of(), a);
    }
    if (spec instanceof Base.Registry r) {
      // The pull pinned it (host/repo:tag@sha256:...): name the digest the build started from.
      Optional<String> pinned =
          built.pulled().stream().filter(x -> x.contains("@sha256:")).findFirst();
      Map<String, String> digest = new LinkedHashMap<>();
      pinned.ifPresent(x -> digest.put("sha256", x.substring(x.indexOf("@sha256:") + 8)));
      return new Dependency(
          "base",
          "docker://" + pinned.orElse(r.reference()),
          digest,
          Map.of("reference", r.reference()));
    }
    String id = ((Base.CellRef) spec).id();
    Map<String, Object> a = new LinkedHashMap<>();
    Map<String, String> digest = new LinkedHashMap<>();
    PlannedCell baseCell = loaded.plan().cell(id).orElseThrow();
    a.put("inputHash", baseCell.inputHash());
    Optional<String> pushed =
        built.pulled().stream().filter(x -> x.contains("@sha256:")).findFirst();
    if (pushed.isPresent()) {
      // Another machine built and pushed the base (fan-out): name the image it started from.
      String x = pushed.get();
      a.put("cell", id);
      return new Dependency(
          "base", "docker://" + x, Map.of("sha256", x.substring(x.indexOf("@sha256:") + 8)), a);
    }
    Path dir = baseCell.cell().outputDir();
    if (ImageSet.publishedInputHash(dir).orElse("").equals(baseCell.inputHash())) {
      ImageSet.publishedSha256(dir).ifPresent(s -> digest.put("sha256", s));
      a.put("set", dir.toString());
    }
    return new Dependency("base", "osimages:cell/" + id, digest, a);
  }
}
