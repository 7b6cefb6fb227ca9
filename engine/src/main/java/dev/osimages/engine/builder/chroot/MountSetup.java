package dev.osimages.engine.builder.chroot;

import dev.osimages.engine.builder.BuildSecret;
import dev.osimages.engine.host.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes one RUN step's {@link RunMounts} on this host: a layer of mount points for targets the
 * image lacks (placed over the image, never committed: BuildKit removes such stubs too), cache
 * directories (held until {@link #close}), and the shell commands the sandbox runs inside its mount
 * namespace, after the root is mounted, to bind, mount tmpfs and place secrets. A secret's value
 * never touches a disk: a file secret is copied by the sandbox into a tmpfs of the namespace, an
 * environment secret travels in the sandbox process's environment, never on a command line.
 */
final class MountSetup implements AutoCloseable {
  private final Path work;
  private final List<String> commands = new ArrayList<>();
  private final Map<String, String> env = new LinkedHashMap<>();
  private final Map<String, String> exports = new LinkedHashMap<>();
  private final List<CacheMounts.Lease> leases = new ArrayList<>();
  private final Path stubs;
  private int n;

  private MountSetup(Path work) {
    this.work = work;
    this.stubs = work.resolve("stubs");
  }

  /** Prepares {@code mounts} for a step working in {@code work} over {@code layers}. */
  static MountSetup open(Path work, List<Path> layers, RunMounts mounts, CacheMounts caches) {
    MountSetup s = new MountSetup(work);
    try {
      Files.createDirectories(s.stubs);
      StubLayer stub = new StubLayer(s.stubs, new LayerStack(layers));
      for (RunMounts.Planned p : mounts.planned()) {
        s.add(p, stub, caches);
      }
      return s;
    } catch (RuntimeException e) {
      s.close();
      throw e;
    } catch (IOException e) {
      s.close();
      throw new UncheckedIOException("cannot prepare the mounts in " + work, e);
    }
  }

  /** The layer of mount points, to stack over the image's layers. */
  Path stubLayer() {
    return stubs;
  }

  /** Shell commands to run in the namespace with {@code $root} the mounted image. */
  List<String> commands() {
    return List.copyOf(commands);
  }

  /** Extra environment of the sandbox process (secret values, by internal names). */
  Map<String, String> environment() {
    return Map.copyOf(env);
  }

  /** Variables of the command taken from the sandbox's environment: command name to internal. */
  Map<String, String> exports() {
    return Map.copyOf(exports);
  }

  private void add(RunMounts.Planned p, StubLayer stub, CacheMounts caches) throws IOException {
    int i = n++;
    String at = "\"$root\"/" + quote(p.target());
    if (p instanceof RunMounts.Bind b) {
      stub.ensure(b.target(), !b.file());
      commands.add(BindMounts.command(b, at, work.resolve("binds").resolve(Integer.toString(i))));
    } else if (p instanceof RunMounts.Cache c) {
      stub.ensure(c.target(), true);
      CacheMounts.Lease lease = caches.open(c.mount());
      leases.add(lease);
      commands.add(
          "mount --bind"
              + (c.mount().readOnly() ? " -o ro " : " ")
              + quote(lease.data())
              + " "
              + at);
    } else if (p instanceof RunMounts.Tmpfs t) {
      stub.ensure(t.target(), true);
      commands.add(
          "mount -t tmpfs -o nosuid,nodev"
              + (t.size() > 0 ? ",size=" + t.size() : "")
              + " tmpfs "
              + at);
    } else if (p instanceof RunMounts.SecretFile f) {
      stub.ensure(f.target(), false);
      secretFile(f, at, i);
    } else if (p instanceof RunMounts.SecretEnv e) {
      String internal = "OSIMAGES_SECRET_" + i;
      env.put(internal, value(e.source()));
      exports.put(e.variable(), internal);
    } else if (p instanceof RunMounts.Pipe pipe) {
      Path dir = Files.createDirectories(work.resolve("pipes"));
      Path f = dir.resolve(pipe.name());
      Files.writeString(f, pipe.content(), StandardCharsets.UTF_8);
      Files.setAttribute(f, "unix:mode", 0755);
      commands.add("mkdir -p \"$root\"/dev/pipes");
      commands.add("mount --bind -o ro " + quote(dir) + " \"$root\"/dev/pipes");
    }
  }

  private void secretFile(RunMounts.SecretFile f, String at, int i) throws IOException {
    Path tmpfs = work.resolve("secrets");
    if (!Files.isDirectory(tmpfs)) {
      Files.createDirectories(tmpfs);
      commands.add(
          "mount -t tmpfs -o nosuid,nodev,noexec,mode=0700,size=16m secrets " + quote(tmpfs));
    }
    String file = quote(tmpfs.resolve(Integer.toString(i)));
    if (f.source() instanceof BuildSecret.FromFile src) {
      commands.add("cat " + quote(src.file()) + " > " + file);
    } else {
      String internal = "OSIMAGES_SECRET_" + i;
      env.put(internal, value(f.source()));
      commands.add("printf '%s' \"$" + internal + "\" > " + file);
    }
    commands.add(
        "chown "
            + f.mount().uid().orElse(0)
            + ":"
            + f.mount().gid().orElse(0)
            + " "
            + file
            + " && chmod "
            + Integer.toOctalString(f.mount().mode().orElse(0400))
            + " "
            + file);
    commands.add("mount --bind -o ro " + file + " " + at);
  }

  private static String value(BuildSecret s) {
    if (s instanceof BuildSecret.FromEnv e) {
      return Optional.ofNullable(System.getenv(e.variable())).orElse("");
    }
    try {
      return Files.readString(((BuildSecret.FromFile) s).file(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the secret " + s.describe(), e);
    }
  }

  /** Single-quoted for sh. */
  static String quote(Object s) {
    return "'" + s.toString().replace("'", "'\\''") + "'";
  }

  /** Releases caches and removes what the mounts left in the work directory (not the layer). */
  @Override
  public void close() {
    leases.forEach(CacheMounts.Lease::close);
    leases.clear();
    for (String d : List.of("stubs", "binds", "pipes", "secrets")) {
      Path p = work.resolve(d);
      if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
        Trees.delete(p);
      }
    }
  }
}
