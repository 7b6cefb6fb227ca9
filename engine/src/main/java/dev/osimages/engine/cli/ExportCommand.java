package dev.osimages.engine.cli;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.event.Event;
import dev.osimages.engine.event.EventListener;
import dev.osimages.engine.event.Warning;
import dev.osimages.engine.export.ExportOptions;
import dev.osimages.engine.export.Exporter;
import dev.osimages.engine.export.Manifest;
import dev.osimages.engine.export.ManifestExtras;
import dev.osimages.engine.export.Publisher;
import dev.osimages.engine.export.StagedExport;
import dev.osimages.engine.export.lz4.ParallelLz4OutputStream;
import dev.osimages.engine.export.tar.ExcludeRules;
import dev.osimages.engine.model.PackageManager;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code engine export ROOTFS OUT}: one image set from a root filesystem, published atomically. */
@Command(
    name = "export",
    description = {
      "Export a root filesystem as an image set: img.tar.lz4, img.tar.lz4.md5, packages.txt and"
          + " manifest.json in OUT.",
      "One pass: tar, lz4 compressed by every core, md5 and sha256. OUT is replaced atomically:"
          + " it holds the old set or the new one, never a mix."
    })
final class ExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "ROOTFS",
      description = "The root filesystem directory, or - to read a tar stream from stdin.")
  Path rootfs;

  @Parameters(index = "1", paramLabel = "OUT", description = "The image set directory to publish.")
  Path out;

  @Option(
      names = "--level",
      paramLabel = "N",
      defaultValue = "9",
      description = "LZ4 HC level 1..12 (default: ${DEFAULT-VALUE}, as lz4 -9).")
  int level;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Compression threads (default: all cores).")
  Integer threads;

  @Option(
      names = "--hc-min-saving",
      paramLabel = "PERCENT",
      defaultValue = "" + ParallelLz4OutputStream.DEFAULT_HC_MIN_SAVING,
      // "%%": picocli formats descriptions with String.format.
      description =
          "Blocks (4 MiB) that LZ4's fast mode cannot shrink by PERCENT keep the fast result"
              + " instead of going through HC: already compressed data (xz modules, firmware)"
              + " costs HC as much time as text for a gain under 0.5%%. 0 sends every block"
              + " through HC, as lz4 -9 does (default: ${DEFAULT-VALUE}).")
  int hcMinSaving;

  @Option(
      names = "--package-manager",
      paramLabel = "PM",
      defaultValue = "dpkg",
      description =
          "${COMPLETION-CANDIDATES}: what packages.txt lists: dpkg -l, rpm -qa or nothing"
              + " (default: ${DEFAULT-VALUE}).")
  PackageManager packageManager;

  @Option(
      names = "--exclude",
      paramLabel = "GLOB",
      description = "Also leave out image paths matching GLOB, e.g. '/var/cache/apt/**'.")
  List<String> excludes = new ArrayList<>();

  @Option(
      names = "--no-default-excludes",
      description = "Keep the contents of /proc, /sys, /dev, /tmp and /run.")
  boolean noDefaultExcludes;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    boolean stdin = rootfs.toString().equals("-");
    if (!stdin && !Files.isDirectory(rootfs)) {
      throw new EngineException("export: " + rootfs + ": not a directory", ExitCode.INVALID);
    }
    ExportOptions options = options();
    ProgressBar bar = System.console() != null ? new ProgressBar(err) : null;
    EventListener events = e -> show(e, bar, err);
    String id = out.getFileName() == null ? "" : out.getFileName().toString();
    Exporter exporter = new Exporter(events);
    StagedExport staged =
        stdin
            ? exporter.stage("", System.in, out, options)
            : exporter.stage("", rootfs, out, options);
    Manifest m =
        new Publisher()
            .publish(staged, new ManifestExtras(id, "", EngineVersion.current(), null, null));
    if (bar != null) {
      bar.done();
    }
    spec.commandLine().getOut().println(summary(m));
    return ExitCode.OK.code();
  }

  private ExportOptions options() {
    try {
      ExcludeRules rules =
          noDefaultExcludes
              ? new ExcludeRules(excludes, List.of())
              : ExcludeRules.defaults(excludes);
      rules.matcher();
      ExportOptions o =
          ExportOptions.defaults()
              .withLevel(level)
              .withHcMinSaving(hcMinSaving)
              .withExcludes(rules)
              .withPackageManager(packageManager);
      return threads == null ? o : o.withThreads(threads);
    } catch (IllegalArgumentException e) {
      throw new EngineException("export: " + e.getMessage(), ExitCode.INVALID, e);
    }
  }

  private static void show(Event e, ProgressBar bar, PrintWriter err) {
    if (e instanceof Warning w) {
      if (bar != null) {
        bar.clear();
      }
      err.println("warning: " + w.message());
    } else if (bar != null) {
      bar.on(e);
    }
  }

  private String summary(Manifest m) {
    return String.format(
        "%s: %s (%.1f MB, tar %.1f MB, ratio %.2f), md5 %s, %d packages, %.1f s",
        out,
        "img.tar.lz4",
        m.lz4Bytes() / 1e6,
        m.tarBytes() / 1e6,
        m.lz4Bytes() == 0 ? 0.0 : (double) m.tarBytes() / m.lz4Bytes(),
        m.md5(),
        m.packageCount(),
        m.exportSeconds());
  }
}
