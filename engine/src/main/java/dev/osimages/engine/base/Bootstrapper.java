package dev.osimages.engine.base;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.archive.ArchiveProxy;
import dev.osimages.engine.archive.Fetch;
import dev.osimages.engine.archive.FetchLog;
import dev.osimages.engine.archive.Pinning;
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
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bootstraps a Debian or Ubuntu root filesystem with mmdebstrap, cached under {@code
 * <cache>/bootstrap-<key>} where the key covers the parameters and the archive's Release dates: an
 * unchanged archive means no second bootstrap, a new point release means a fresh one.
 */
final class Bootstrapper {
  private final Path cache;

  Bootstrapper(Path cache) {
    this.cache = cache;
  }

  /**
   * The bootstrap's root filesystem, from cache or freshly made with {@code pinning}'s
   * SOURCE_DATE_EPOCH (part of the key) and archive access (the archive proxy records what
   * mmdebstrap fetched, kept beside the bootstrap as {@code fetched.tsv}).
   */
  ResolvedBase resolve(Base.Bootstrap b, Consumer<String> lines, Pinning pinning) {
    try (ArchiveProxy proxy = pinning.startProxy(lines)) {
      return resolve(b, lines, pinning, proxy);
    }
  }

  private ResolvedBase resolve(
      Base.Bootstrap b, Consumer<String> lines, Pinning pinning, ArchiveProxy proxy) {
    Map<String, String> env = pinning.environment(Map.of(), proxy);
    Path scratch = tmp("probe");
    List<String> dates = ArchiveProbe.releaseDates(b, cache, scratch, env);
    String key = key(b, dates, pinning.keyPart());
    Path dir = cache.resolve("bootstrap-" + key.substring(0, 32));
    Path rootfs = dir.resolve("rootfs");
    if (Files.isDirectory(rootfs)) {
      lines.accept("bootstrap " + b.suite() + ": cached (" + String.join(", ", dates) + ")");
      return ResolvedBase.bootstrap(key, List.of(rootfs), false, dates, fetched(dir, proxy));
    }
    Optional<Path> keyring =
        b.archiveKey().map(k -> new ArchiveKeys(cache, env).keyring(b, k, lines));
    Path work = tmp("bootstrap");
    HostCommand.Cleanup cleanup = HostCommand.atShutdown(() -> Trees.delete(work));
    try {
      List<String> argv = new ArrayList<>(mmdebstrapOptions(b));
      // Only mmdebstrap's own apt uses this keyring; inside, the suite's keyring package (which
      // apt depends on) holds the keys.
      keyring.ifPresent(k -> argv.add("--keyring=" + k));
      argv.add(b.suite());
      argv.add(work.resolve("rootfs").toString());
      b.mirror().ifPresent(argv::add);
      HostCommand.Result r = HostCommand.run(HostCommand.inPrivateMounts(argv), null, env, lines);
      if (!r.ok()) {
        throw new EngineException(
            "mmdebstrap failed for "
                + b.describe()
                + " (exit "
                + r.exitCode()
                + ")"
                + missingKey(r.tail()).map(k -> ": " + k).orElse("")
                + ":\n  "
                + String.join("\n  ", r.tail()),
            ExitCode.FAILED);
      }
      Files.writeString(
          work.resolve("meta.properties"),
          "key=" + key + "\nbase=" + b.describe() + "\nrelease=" + String.join(", ", dates) + "\n",
          StandardCharsets.UTF_8);
      List<Fetch> fetched = proxy == null ? List.of() : proxy.fetched();
      FetchLog.write(work.resolve(FetchLog.NAME), fetched);
      Trees.publish(work, dir);
      return ResolvedBase.bootstrap(key, List.of(rootfs), true, dates, fetched);
    } catch (IOException e) {
      throw new UncheckedIOException("bootstrapping " + b.describe(), e);
    } finally {
      cleanup.run();
    }
  }

  /** The mmdebstrap options shared by the probe and the bootstrap. */
  static List<String> mmdebstrapOptions(Base.Bootstrap b) {
    List<String> argv = new ArrayList<>(List.of("mmdebstrap", "--mode=root", "--format=directory"));
    argv.add("--variant=" + b.variant());
    if (!b.components().isEmpty()) {
      argv.add("--components=" + String.join(",", b.components()));
    }
    if (!b.packages().isEmpty()) {
      argv.add("--include=" + String.join(",", b.packages()));
    }
    return argv;
  }

  /** What a cached bootstrap fetched when it was made, plus this run's probe. */
  private static List<Fetch> fetched(Path dir, ArchiveProxy proxy) {
    List<Fetch> all = new ArrayList<>(FetchLog.read(dir.resolve(FetchLog.NAME)));
    if (proxy != null) {
      all.addAll(proxy.fetched());
    }
    return all;
  }

  static String key(Base.Bootstrap b, List<String> dates, String pinned) {
    String k = key(b, dates);
    // Appended only when set, so that the keys of existing bootstraps stay as they were.
    return pinned.isEmpty() ? k : Digests.of(k, pinned);
  }

  static String key(Base.Bootstrap b, List<String> dates) {
    List<String> parts =
        new ArrayList<>(
            List.of(
                "bootstrap-v1",
                b.suite(),
                b.variant(),
                String.join(",", b.components()),
                String.join(",", new TreeSet<>(b.packages())),
                b.mirror().orElse(""),
                String.join("\n", dates)));
    // Appended only when declared, so that the keys of existing bootstraps stay as they were.
    b.archiveKey().ifPresent(k -> parts.add("key=" + k.fingerprint()));
    return Digests.of(parts.toArray(String[]::new));
  }

  private Path tmp(String what) {
    try {
      Files.createDirectories(cache);
      return Files.createTempDirectory(cache, ".tmp-" + what + "-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temp directory in " + cache, e);
    }
  }

  private static final Pattern NO_PUBKEY = Pattern.compile("NO_PUBKEY ([0-9A-F]{8,40})");

  /**
   * The usual reason a bootstrap of another distribution fails on a Debian host, said in one line
   * ahead of mmdebstrap's own output: the archive's signing key is in no keyring apt can see.
   */
  static Optional<String> missingKey(List<String> output) {
    for (String line : output) {
      Matcher m = NO_PUBKEY.matcher(line);
      if (m.find()) {
        return Optional.of(
            "the archive is signed with key "
                + m.group(1)
                + ", which no keyring on this host holds (declare it under bootstrap.archiveKey"
                + " in images.yaml with its fingerprint, or install the distribution's archive"
                + " keyring package on the host)");
      }
    }
    return Optional.empty();
  }
}
