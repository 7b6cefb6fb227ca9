package dev.osimages.engine.export;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.event.EventListener;
import dev.osimages.engine.event.Stage;
import dev.osimages.engine.event.StageFinished;
import dev.osimages.engine.event.StageStarted;
import dev.osimages.engine.event.Warning;
import dev.osimages.engine.export.packages.PackageListing;
import dev.osimages.engine.export.packages.PackageLists;
import dev.osimages.engine.export.tar.ExcludeRules;
import dev.osimages.engine.export.tar.RootfsFeed;
import dev.osimages.engine.export.tar.RootfsScanner;
import dev.osimages.engine.export.tar.TarEntry;
import dev.osimages.engine.export.tar.TarStreamReader;
import dev.osimages.engine.files.AtomicFiles;
import dev.osimages.engine.host.Trees;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * Step one of publishing an image: exports a root filesystem into a hidden staging directory next
 * to the image's final directory, in one pass (tar, parallel LZ4, md5 and sha256), plus
 * packages.txt, all fsynced. {@link Publisher} makes the result visible, or discards it.
 */
public final class Exporter {
  private final EventListener events;

  public Exporter(EventListener events) {
    this.events = events;
  }

  /**
   * Exports the tree at {@code rootfs} for the image that will live at {@code targetDir}.
   *
   * @throws EngineException naming the cell and the file when anything fails; the staging directory
   *     is then removed, so a failed export leaves nothing behind
   */
  public StagedExport stage(String cell, Path rootfs, Path targetDir, ExportOptions options) {
    Instant start = Instant.now();
    events.on(new StageStarted(cell, Stage.EXPORT, "tarball"));
    Staging.Area area = createStaging(cell, targetDir);
    Path staging = area.dir();
    try {
      TarballWriter.Result r;
      try (RootfsFeed feed =
              RootfsFeed.start(rootfs, options.excludes(), m -> events.on(new Warning(cell, m)));
          TarballWriter w =
              new TarballWriter(
                  staging.resolve(ImageSet.TARBALL), options, events, cell, feed::estimate)) {
        for (RootfsScanner.Item item = feed.next(); item != null; item = feed.next()) {
          try (InputStream in = open(item.source())) {
            w.write(item.entry(), in);
          }
        }
        r = w.finish();
      }
      PackageListing packages = PackageLists.of(rootfs, options.packageManager());
      return finishStaging(cell, area, targetDir, r, packages, start);
    } catch (IOException | RuntimeException e) {
      throw failed(cell, area, rootfs, targetDir, start, e);
    }
  }

  /**
   * Exports a tar stream (the Docker backend's export) without extracting it: members pass through
   * in their order, excludes and SOURCE_DATE_EPOCH apply, and the package database is captured on
   * the way for packages.txt.
   */
  public StagedExport stage(String cell, InputStream tar, Path targetDir, ExportOptions options) {
    return stage(cell, tar, targetDir, options, Optional::of);
  }

  /**
   * As {@link #stage(String, InputStream, Path, ExportOptions)}, with each member first passed
   * through {@code edits}: empty drops the member, an entry of another size (only 0 is allowed)
   * keeps it with empty content. The Docker backend removes its traces and applies hygiene so.
   */
  public StagedExport stage(
      String cell,
      InputStream tar,
      Path targetDir,
      ExportOptions options,
      Function<TarEntry, Optional<TarEntry>> edits) {
    Instant start = Instant.now();
    events.on(new StageStarted(cell, Stage.EXPORT, "tarball"));
    Staging.Area area = createStaging(cell, targetDir);
    Path staging = area.dir();
    try {
      Path scratch = Files.createDirectory(staging.resolve(".packages"));
      PackageCapture capture = new PackageCapture(options.packageManager(), scratch);
      ExcludeRules.Matcher excludes = options.excludes().matcher();
      TarStreamReader reader = new TarStreamReader(tar);
      TarballWriter.Result r;
      try (TarballWriter w =
          new TarballWriter(staging.resolve(ImageSet.TARBALL), options, events, cell, () -> -1)) {
        boolean first = true;
        for (TarEntry e = reader.next(); e != null; e = reader.next()) {
          if (first && !e.name().equals("./")) {
            // docker export has no member for "/": give the image one, as a tree export has.
            w.write(rootDirectory(e.mtime()), InputStream.nullInputStream());
          }
          first = false;
          if (!e.name().equals("./") && excludes.excluded(e.imagePath())) {
            continue;
          }
          TarEntry out = edits.apply(e).orElse(null);
          if (out == null) {
            continue;
          }
          InputStream body = out.size() == e.size() ? reader.content() : emptied(out);
          try (InputStream content = capture.wrap(out, body)) {
            w.write(out, content);
          }
        }
        r = w.finish();
      }
      PackageListing packages = capture.listing();
      Trees.delete(scratch);
      return finishStaging(cell, area, targetDir, r, packages, start);
    } catch (IOException | RuntimeException e) {
      throw failed(cell, area, null, targetDir, start, e);
    }
  }

  /** Removes the staging directory, reports the stage as failed, and says why in one message. */
  private RuntimeException failed(
      String cell, Staging.Area area, Path rootfs, Path targetDir, Instant start, Exception e) {
    Staging.deleteQuietly(area.dir(), e);
    Staging.removeEmptyParents(area.createdParents());
    events.on(
        new StageFinished(
            cell, Stage.EXPORT, "tarball", false, Duration.between(start, Instant.now())));
    return ExportFailures.of(cell, rootfs, targetDir, e);
  }

  /** The root directory member a stream without one gets: 0755 root:root, Docker's layer root. */
  private static TarEntry rootDirectory(long mtime) {
    return new TarEntry(
        "./",
        TarEntry.Type.DIRECTORY,
        0755,
        0,
        0,
        "root",
        "root",
        mtime,
        0,
        "",
        0,
        0,
        java.util.Map.of());
  }

  private static InputStream emptied(TarEntry e) {
    if (e.size() != 0) {
      throw new IllegalArgumentException("an edit may only empty a member: " + e.name());
    }
    return InputStream.nullInputStream();
  }

  private static InputStream open(Path source) throws IOException {
    return source == null
        ? InputStream.nullInputStream()
        : Files.newInputStream(source, LinkOption.NOFOLLOW_LINKS);
  }

  private static Staging.Area createStaging(String cell, Path targetDir) {
    try {
      return Staging.create(targetDir);
    } catch (IOException e) {
      throw ExportFailures.of(cell, null, targetDir, e);
    }
  }

  StagedExport finishStaging(
      String cell,
      Staging.Area area,
      Path targetDir,
      TarballWriter.Result r,
      PackageListing packages,
      Instant start)
      throws IOException {
    Path staging = area.dir();
    Path list = staging.resolve(ImageSet.PACKAGES);
    Files.writeString(list, packages.text(), StandardCharsets.UTF_8);
    AtomicFiles.fsync(list);
    AtomicFiles.fsync(staging);
    Duration took = Duration.between(start, Instant.now());
    events.on(new StageFinished(cell, Stage.EXPORT, "tarball", true, took));
    return new StagedExport(
        cell,
        staging,
        targetDir,
        r.tarBytes(),
        r.lz4Bytes(),
        r.md5(),
        r.sha256(),
        packages.count(),
        took,
        area.createdParents(),
        packages.inventory());
  }
}
