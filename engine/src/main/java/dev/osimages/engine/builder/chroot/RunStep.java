package dev.osimages.engine.builder.chroot;

import dev.osimages.engine.archive.ArchiveProxy;
import dev.osimages.engine.host.HostCommand;
import dev.osimages.engine.host.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs one RUN step in a {@link Sandbox} over the stage's layers, its changes landing in {@code
 * work/diff}, in the step's {@link RunNetwork}. Name resolution during the build comes from the
 * host's resolv.conf (as the network adapts it) in an extra top layer that is never committed;
 * whatever the command did to that file is dropped afterwards, as Docker drops changes to its
 * bind-mounted resolv.conf.
 */
final class RunStep {
  private static final int MAX_OPTION = 4000;
  private final Path stateRoot;

  RunStep(Path stateRoot) {
    this.stateRoot = stateRoot;
  }

  /**
   * Runs {@code argv} in {@code network} with {@code mounts} (null: none) made first, {@code proxy}
   * (null: none) the archive proxy its {@code http_proxy} names; returns exit code and tail.
   */
  HostCommand.Result run(
      Path work,
      List<Path> layers,
      String wd,
      Users.Identity who,
      Map<String, String> env,
      List<String> argv,
      MountSetup mounts,
      RunNetwork network,
      ArchiveProxy proxy,
      Consumer<String> lines) {
    Path dns = dnsLayer(work, layers, network);
    Path scratch = work.resolve("net");
    Path merged = work.resolve("merged");
    try {
      Files.createDirectories(merged);
      Files.createDirectories(scratch);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + merged, e);
    }
    List<String> lowers = new ArrayList<>();
    if (mounts != null) {
      lowers.add(option(mounts.stubLayer()));
    }
    lowers.add(option(dns));
    for (int i = layers.size() - 1; i >= 0; i--) {
      lowers.add(option(layers.get(i)));
    }
    String lowerdir = String.join(":", lowers);
    if (lowerdir.length() > MAX_OPTION) {
      throw new IllegalStateException(
          "too many layers for one overlay mount (" + layers.size() + "); split the Dockerfile");
    }
    List<String> sandbox =
        Sandbox.command(
            option(merged),
            lowerdir,
            option(work.resolve("diff")),
            option(work.resolve("work")),
            wd,
            who,
            env,
            argv,
            mounts == null ? List.of() : mounts.commands(),
            mounts == null ? Map.of() : mounts.exports());
    try {
      List<String> cmd = network.wrap(sandbox, scratch, proxy);
      if (mounts == null || mounts.exports().isEmpty()) {
        return HostCommand.run(
            cmd, stateRoot, mounts == null ? Map.of() : mounts.environment(), lines);
      }
      Map<String, String> only = new java.util.HashMap<>(mounts.environment());
      only.put("PATH", Sandbox.SCRIPT_PATH);
      return HostCommand.runWithOnly(cmd, stateRoot, only, lines);
    } finally {
      dropResolvConf(work.resolve("diff"));
      Trees.delete(scratch);
    }
  }

  /** An overlay option path: relative to the state root when inside it (shorter options). */
  private String option(Path p) {
    Path a = p.toAbsolutePath();
    String s = a.startsWith(stateRoot) ? stateRoot.relativize(a).toString() : a.toString();
    if (s.contains(":") || s.contains(",")) {
      throw new IllegalArgumentException("layer path may not contain ':' or ',': " + s);
    }
    return s;
  }

  /** A layer with etc/resolv.conf (the network's view of the host's) and the image's etc. */
  private static Path dnsLayer(Path work, List<Path> layers, RunNetwork network) {
    Path dns = work.resolve("dns");
    try {
      Files.createDirectories(dns);
      LayerStack image = new LayerStack(layers);
      Optional<Path> etc = image.find("etc");
      Path host = Path.of("/etc/resolv.conf");
      if (etc.isPresent()
          && Files.isDirectory(etc.get(), LinkOption.NOFOLLOW_LINKS)
          && Files.isReadable(host)) {
        Path d = Files.createDirectory(dns.resolve("etc"));
        // Latin-1 keeps any byte as it is: only ASCII lines are rewritten.
        String text = Files.readString(host, StandardCharsets.ISO_8859_1);
        Files.writeString(
            d.resolve("resolv.conf"), network.resolvConf(text), StandardCharsets.ISO_8859_1);
        ImageWriter.Attrs.of(etc.get()).apply(d);
      }
      return dns;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare build resolv.conf in " + dns, e);
    }
  }

  private static void dropResolvConf(Path upper) {
    Path f = upper.resolve("etc/resolv.conf");
    if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
      Trees.delete(f);
    }
  }
}
