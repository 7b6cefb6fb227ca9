package dev.osimages.engine.builder.chroot;

import dev.osimages.engine.builder.BuildTraces;
import dev.osimages.engine.host.Digests;
import dev.osimages.engine.model.Hygiene;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Cleans the finished image, as one more layer: empties {@code /etc/machine-id} (and removes dbus's
 * copy of it, {@code /var/lib/dbus/machine-id}, when that is a file), removes SSH host keys,
 * removes {@code /etc/resolv.conf} (and systemd-resolved's backup of it) and {@code /etc/hostname}
 * when they are copies of the build host's, removes or empties the build's traces ({@link
 * BuildTraces}, {@link ShadowDates}), and (when asked) apt's lists and caches. Paths resolve inside
 * the image.
 */
final class HygieneStep {
  private final ImageWriter w;
  private final LayerStack view;

  HygieneStep(ImageWriter writer) {
    this.w = writer;
    this.view = writer.view();
  }

  /** Part of the cache key: the settings, the epoch and the host files compared against. */
  static String key(Hygiene h, OptionalLong epoch) {
    return Digests.of(
        "hygiene-v" + Hygiene.REVISION,
        h.toString(),
        epoch.isPresent() ? Long.toString(epoch.getAsLong()) : "",
        host("/etc/resolv.conf"),
        host("/etc/hostname"));
  }

  void apply(Hygiene h, OptionalLong epoch) {
    if (h.emptyMachineId()) {
      regular("etc/machine-id")
          .ifPresent(
              p -> {
                if (size(p) > 0) {
                  w.content(
                      view.resolve("etc/machine-id", false), new byte[0], ImageWriter.Attrs.of(p));
                }
              });
      // dbus keeps its own copy of the id made during the build; without it, dbus reads
      // /etc/machine-id, which systemd fills on first boot. A link to that file is kept.
      regular("var/lib/dbus/machine-id")
          .ifPresent(p -> w.remove(view.resolve("var/lib/dbus/machine-id", false)));
    }
    if (h.removeSshHostKeys()) {
      removeChildren("etc/ssh", n -> n.startsWith("ssh_host_"));
    }
    if (h.hostFiles()) {
      removeIfSame("etc/resolv.conf", host("/etc/resolv.conf"));
      // systemd-resolved's postinst keeps the resolv.conf it replaces under this name: in a
      // bootstrapped image that is the build host's copy, which must not ship either.
      removeIfSame("etc/.resolv.conf.systemd-resolved.bak", host("/etc/resolv.conf"));
      removeIfSame("etc/hostname", host("/etc/hostname"));
    }
    if (h.buildTraces()) {
      BuildTraces.PLACES.forEach(p -> traces(p.dir(), p.recursive()));
      epoch.ifPresent(e -> new ShadowDates(w).clamp(e));
    }
    if (h.aptLists()) {
      removeChildren("var/lib/apt/lists", n -> !n.equals("partial") && !n.equals("lock"));
      removeChildren("var/lib/apt/lists/partial", n -> true);
      removeChildren("var/cache/apt", n -> n.endsWith(".bin"));
      removeChildren("var/cache/apt/archives", n -> n.endsWith(".deb"));
      removeChildren("var/cache/apt/archives/partial", n -> true);
    }
  }

  /** Applies {@link BuildTraces} to the regular files in {@code dir} (and below, if recursive). */
  private void traces(String dir, boolean recursive) {
    String d = view.resolve(dir, false);
    if (!d.equals(dir)) {
      return; // reached through a symlink: not the place the rules mean
    }
    Optional<Path> real = view.find(d);
    if (real.isEmpty() || !Files.isDirectory(real.get(), LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    for (String n : view.list(d)) {
      String rel = d + "/" + n;
      Path p = view.find(rel).orElseThrow();
      if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        if (recursive) {
          traces(rel, true);
        }
      } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
        Optional<BuildTraces.Action> a = BuildTraces.of("/" + rel, size(p));
        if (a.isPresent() && a.get() == BuildTraces.Action.DROP) {
          w.remove(rel);
        } else if (a.isPresent()) {
          w.content(rel, new byte[0], ImageWriter.Attrs.of(p));
        }
      }
    }
  }

  private void removeChildren(String dir, java.util.function.Predicate<String> which) {
    String d = view.resolve(dir, true);
    Optional<Path> real = view.find(d);
    if (real.isEmpty() || !Files.isDirectory(real.get(), LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    for (String n : view.list(d)) {
      if (which.test(n)) {
        w.remove(d + "/" + n);
      }
    }
  }

  private void removeIfSame(String rel, String hostContent) {
    regular(rel)
        .ifPresent(
            p -> {
              if (!hostContent.isEmpty() && read(p).equals(hostContent)) {
                w.remove(view.resolve(rel, false));
              }
            });
  }

  private Optional<Path> regular(String rel) {
    return view.find(view.resolve(rel, false))
        .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS));
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + p, e);
    }
  }

  private static String read(Path p) {
    try {
      return Arrays.toString(Files.readAllBytes(p));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + p, e);
    }
  }

  /** The host file's content ("" if absent), in the form {@link #read} compares. */
  private static String host(String file) {
    Path p = Path.of(file);
    return Files.isRegularFile(p) ? read(p) : "";
  }
}
