package dev.osimages.engine.base;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.host.Digests;
import dev.osimages.engine.host.HostCommand;
import dev.osimages.engine.host.Trees;
import dev.osimages.engine.model.Base;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds the Release dates of the archive a bootstrap would use, for the bootstrap cache key. The
 * sources are the ones mmdebstrap itself writes (a setup hook copies them out and stops it), so the
 * mirror stays mmdebstrap's choice; each suite's {@code InRelease} is then fetched with apt's own
 * downloader. An unreachable archive fails fast with apt's reason.
 */
final class ArchiveProbe {
  private ArchiveProbe() {}

  /**
   * One "suite=date" line per {@code deb} source, in order. The sources mmdebstrap would use are
   * remembered in {@code cache} per parameters and mmdebstrap installation (they change only with
   * those), so a cached rebuild costs only the InRelease downloads.
   */
  static List<String> releaseDates(
      Base.Bootstrap b, Path cache, Path scratch, Map<String, String> env) {
    try {
      return dates(sources(b, cache, scratch), scratch, env);
    } catch (IOException e) {
      throw new UncheckedIOException("probing the archive for " + b.describe(), e);
    } finally {
      Trees.delete(scratch);
    }
  }

  /**
   * [uri, suite] of each {@code deb} source mmdebstrap would write for {@code b}, remembered in
   * {@code cache}; {@code scratch} is a directory this may create and leaves for the caller to
   * remove.
   */
  static List<List<String>> sources(Base.Bootstrap b, Path cache, Path scratch) {
    try {
      Files.createDirectories(scratch);
      Path remembered = cache.resolve("sources-" + sourcesKey(b).substring(0, 32));
      if (!Files.isRegularFile(remembered)) {
        Path sources = mmdebstrapSources(b, scratch);
        Path tmp = scratch.resolve("sources.tmp");
        Files.copy(sources, tmp);
        Files.move(tmp, remembered, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      }
      List<List<String>> debs = new ArrayList<>();
      for (String line : Files.readAllLines(remembered, StandardCharsets.UTF_8)) {
        List<String> w = debLine(line);
        if (!w.isEmpty()) {
          debs.add(w);
        }
      }
      if (debs.isEmpty()) {
        throw new EngineException("no apt sources for " + b.describe(), ExitCode.ENVIRONMENT);
      }
      return debs;
    } catch (IOException e) {
      throw new UncheckedIOException("reading mmdebstrap's sources for " + b.describe(), e);
    }
  }

  /** Runs mmdebstrap just far enough to write its sources, which a setup hook copies out. */
  private static Path mmdebstrapSources(Base.Bootstrap b, Path scratch) {
    Path sources = scratch.resolve("sources");
    List<String> argv = new ArrayList<>(Bootstrapper.mmdebstrapOptions(b));
    argv.add(
        "--setup-hook=cat \"$1\"/etc/apt/sources.list \"$1\"/etc/apt/sources.list.d/*.list > '"
            + sources
            + "' 2>/dev/null; exit 97");
    argv.add(b.suite());
    argv.add(scratch.resolve("root").toString());
    b.mirror().ifPresent(argv::add);
    HostCommand.run(HostCommand.inPrivateMounts(argv), null, Map.of(), l -> {});
    if (!Files.exists(sources)) {
      throw new EngineException(
          "mmdebstrap did not reveal its sources for " + b.describe(), ExitCode.ENVIRONMENT);
    }
    return sources;
  }

  private static String sourcesKey(Base.Bootstrap b) throws IOException {
    Path tool = Path.of("/usr/bin/mmdebstrap");
    String version =
        Files.exists(tool) ? Files.size(tool) + "@" + Files.getLastModifiedTime(tool) : "absent";
    return Digests.of(
        "sources-v1", b.suite(), String.join(",", b.components()), b.mirror().orElse(""), version);
  }

  /** [uri, suite] of a one-line {@code deb} source, or empty for anything else. */
  static List<String> debLine(String line) {
    String s = line.strip();
    if (!s.startsWith("deb ")) {
      return List.of();
    }
    s = s.substring(4).strip();
    if (s.startsWith("[")) {
      s = s.substring(s.indexOf(']') + 1).strip();
    }
    String[] w = s.split("\\s+");
    return w.length < 2 ? List.of() : List.of(w[0], w[1]);
  }

  /** Fetches every suite's InRelease in one apt-helper run and returns "suite=date" lines. */
  private static List<String> dates(List<List<String>> debs, Path scratch, Map<String, String> env)
      throws IOException {
    List<String> urls = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < debs.size(); i++) {
      urls.add(url(debs.get(i)));
      files.add(scratch.resolve("InRelease-" + i));
    }
    download(urls, files, env);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < debs.size(); i++) {
      out.add(debs.get(i).get(1) + "=" + date(files.get(i), urls.get(i)));
    }
    return out;
  }

  /**
   * Downloads each URL to its file with apt's own downloader (so apt's proxy settings apply); an
   * unreachable archive fails fast (exit 4) with apt's reason.
   */
  static void download(List<String> urls, List<Path> files) {
    download(urls, files, Map.of());
  }

  /** As {@link #download(List, List)}, with extra environment (the archive proxy). */
  static void download(List<String> urls, List<Path> files, Map<String, String> env) {
    List<String> argv =
        new ArrayList<>(
            List.of(
                "/usr/lib/apt/apt-helper",
                "-o",
                "Acquire::Retries=0",
                "-o",
                "APT::Sandbox::User=root",
                "download-file"));
    for (int i = 0; i < urls.size(); i++) {
      argv.add(urls.get(i));
      argv.add(files.get(i).toString());
    }
    HostCommand.Result r = HostCommand.run(argv, null, env, l -> {});
    if (!r.ok()) {
      throw new EngineException(
          "the package archive is unreachable: " + String.join(" ", r.tail()),
          ExitCode.ENVIRONMENT);
    }
  }

  private static String url(List<String> deb) {
    return deb.get(0).replaceAll("/+$", "") + "/dists/" + deb.get(1) + "/InRelease";
  }

  private static String date(Path file, String url) throws IOException {
    for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (l.startsWith("Date:")) {
        return l.substring(5).strip();
      }
    }
    throw new EngineException(url + " has no Date field", ExitCode.ENVIRONMENT);
  }
}
