package dev.osimages.engine.builder.chroot;

import dev.osimages.engine.builder.BuildSecret;
import dev.osimages.engine.dockerfile.RunMount;
import dev.osimages.engine.host.Digests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The mounts of one RUN step, resolved against the build before the step runs: {@code RUN --mount}
 * entries (bind, cache, tmpfs, secret) and the script file of a here-document with a shebang
 * ({@code /dev/pipes/NAME}, as BuildKit runs it). Targets become symlink-free image paths; bind
 * sources become host paths inside their context or stage. {@link #key} is what the mounts add to
 * the step's cache key: their options and the content of bound context files, never a secret's
 * value. Setting them up is {@link MountSetup}'s job, kept apart from the namespaces of the
 * sandbox.
 */
final class RunMounts {
  /** One mount to make, its target relative to the image root (no symlinks). */
  sealed interface Planned {
    String target();
  }

  /** Host files or directories (several: merged, later wins) bound at the target. */
  record Bind(String target, List<Path> sources, boolean file, boolean readOnly)
      implements Planned {}

  /** A persistent cache directory. */
  record Cache(String target, RunMount mount) implements Planned {}

  /** A fresh tmpfs. */
  record Tmpfs(String target, long size) implements Planned {}

  /** A secret as a read-only file. */
  record SecretFile(String target, BuildSecret source, RunMount mount) implements Planned {}

  /** A secret as an environment variable of the command ({@code target} is empty). */
  record SecretEnv(String target, String variable, BuildSecret source) implements Planned {}

  /** A here-document script at {@code /dev/pipes/NAME}, mode 0755. */
  record Pipe(String target, String name, String content) implements Planned {}

  private final List<Planned> planned;
  private final String key;

  RunMounts(List<Planned> planned, String key) {
    this.planned = List.copyOf(planned);
    this.key = key;
  }

  static final RunMounts NONE = new RunMounts(List.of(), "");

  List<Planned> planned() {
    return planned;
  }

  /** The cache key part: mount options and bound content (no secret values). */
  String key() {
    return key;
  }

  boolean isEmpty() {
    return planned.isEmpty();
  }

  /** Resolves the parsed mounts of a RUN in stage state {@code st}. */
  static RunMounts plan(
      BuildSession s, StageState st, List<RunMount> mounts, Optional<Pipe> pipe, Problems fail) {
    LayerStack view = new LayerStack(st.layers);
    List<Planned> out = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (RunMount m : mounts) {
      keys.add(m.describe());
      if (m.type() == RunMount.Type.SECRET) {
        out.addAll(SecretMounts.plan(s, m, view, st, fail));
        continue;
      }
      String target = target(m.target(), st, view, fail);
      switch (m.type()) {
        case CACHE -> {
          if (!m.from().isEmpty()) {
            throw fail.invalid("--mount=type=cache,from=... is not supported by this engine");
          }
          out.add(new Cache(target, m));
        }
        case TMPFS -> out.add(new Tmpfs(target, m.size()));
        default -> {
          Bind b = bind(s, m, target, fail);
          out.add(b);
          keys.add(bindKey(s, m, b));
        }
      }
    }
    pipe.ifPresent(out::add);
    pipe.ifPresent(p -> keys.add("pipe " + p.name() + "\0" + p.content()));
    nested(out, fail);
    return new RunMounts(out, keys.isEmpty() ? "" : Digests.of(keys.toArray(String[]::new)));
  }

  /** How a failure of the Dockerfile is reported (cell, file:line, instruction). */
  interface Problems {
    RuntimeException invalid(String message);
  }

  /** {@code raw} as a symlink-free image path: relative ones against WORKDIR, checked. */
  static String target(String raw, StageState st, LayerStack view, Problems fail) {
    String abs = raw.startsWith("/") ? raw : st.workdir + "/" + raw;
    String rel;
    try {
      rel = view.resolve(abs, true);
    } catch (IllegalArgumentException e) {
      throw fail.invalid("--mount target " + raw + ": " + e.getMessage());
    }
    if (rel.isEmpty()) {
      throw fail.invalid("--mount target " + raw + " is the root directory");
    }
    String top = rel.split("/")[0];
    if (top.equals("proc") || top.equals("sys") || top.equals("dev")) {
      throw fail.invalid(
          "--mount target " + raw + " is inside /" + top + ", which the sandbox provides");
    }
    return rel;
  }

  private static Bind bind(BuildSession s, RunMount m, String target, Problems fail) {
    String rel = m.source().replaceFirst("^/+", "");
    CopySource from;
    if (m.from().isEmpty()) {
      from = CopySource.context(s.context);
    } else {
      from =
          s.sources
              .find(m.from())
              .orElseThrow(
                  () ->
                      fail.invalid(
                          "--mount from="
                              + m.from()
                              + ": no stage or named context of that name ("
                              + s.sources.known()
                              + ")"))
              .files();
    }
    List<Path> found = from.reals(rel);
    if (found.isEmpty()) {
      throw fail.invalid(
          "--mount source "
              + (rel.isEmpty() ? "/" : rel)
              + " not found in "
              + (m.from().isEmpty() ? "the build context" : m.from()));
    }
    boolean file = found.size() == 1 && !Files.isDirectory(found.get(0));
    return new Bind(target, found, file, m.readOnly());
  }

  private static String bindKey(BuildSession s, RunMount m, Bind b) {
    Optional<String> stageKey =
        m.from().isEmpty() ? Optional.empty() : s.sources.find(m.from()).flatMap(x -> x.key());
    return stageKey.map(k -> k + "\0" + m.source()).orElseGet(() -> ContentHash.of(b.sources()));
  }

  /** A target inside another mount's target would be made through that mount: refused. */
  private static void nested(List<Planned> all, Problems fail) {
    for (Planned a : all) {
      for (Planned b : all) {
        if (a != b
            && !a.target().isEmpty()
            && !b.target().isEmpty()
            && (b.target().startsWith(a.target() + "/") || b.target().equals(a.target()))) {
          throw fail.invalid(
              "--mount targets /"
                  + a.target()
                  + " and /"
                  + b.target()
                  + " overlap; give each mount its own directory");
        }
      }
    }
  }
}
