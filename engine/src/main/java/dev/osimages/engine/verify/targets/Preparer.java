package dev.osimages.engine.verify.targets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a {@link Preparation} on an overlay of the image whose upper directory becomes a layer of
 * its own: the image itself (and so the published set) is never written. Inside new mount, pid,
 * uts, ipc and network namespaces (only a loopback of its own: nothing reaches the host's), the
 * overlay gets /proc, a read-only /sys, a minimal /dev and an empty /run; each file to copy is
 * bound read-only under /run and copied by the image's own cp inside the chroot, so a target path
 * is resolved in the image and can never lead outside it; the sources are unmounted again, then the
 * command runs chrooted with exactly the declared environment. It is killed at the timeout.
 */
public final class Preparer {
  private static final String STAGE = "/run/engine-prepare";

  /** The prepared layer: the overlay's upper directory; closing deletes it. */
  public static final class Layer implements AutoCloseable {
    private final Workdir workdir;
    private final String output;

    private Layer(Workdir workdir, String output) {
      this.workdir = workdir;
      this.output = output;
    }

    /** The directory to stack over the image (whiteouts and all). */
    public Path path() {
      return workdir.resolve("upper");
    }

    /** What the command printed. */
    public String output() {
      return output;
    }

    @Override
    public void close() throws IOException {
      workdir.close();
    }
  }

  /** Why a preparation failed (the message is one line; the output is kept apart). */
  public static final class Failed extends IOException {
    private final String output;

    Failed(String message, String output) {
      super(message);
      this.output = output;
    }

    /** What the command printed before it failed. */
    public String output() {
      return output;
    }
  }

  private Preparer() {}

  /** Prepares {@code rootfs}; throws {@link Failed} when the command fails or times out. */
  public static Layer prepare(Path rootfs, Preparation p) throws IOException {
    Workdir w = new Workdir("engine-verify-prepare-");
    try {
      Path copy = w.resolve("copy.sh");
      Files.writeString(copy, copyScript(p));
      String setup =
          "set -e\nM='"
              + w.resolve("merged")
              + "'\n"
              + Overlay.mountLines(List.of(rootfs), w)
              + Overlay.API_FILESYSTEMS
              + bindSources(p, copy)
              + "hostname localhost\n"
              + "env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin chroot \"$M\" /bin/sh "
              + STAGE
              + "/copy.sh || { echo 'engine: copying the files into the image failed' >&2;"
              + " exit 125; }\n"
              + unbindSources(p)
              + "exec env -i "
              + envWords(p.env())
              + " chroot \"$M\" "
              + words(p.command())
              + "\n";
      Path log = w.resolve("output.log");
      Files.createFile(log);
      List<String> cmd = Overlay.isolated(setup);
      int code;
      try (ManagedProcess process = ManagedProcess.start(cmd, log)) {
        code = process.waitFor(p.timeout().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while preparing", e);
      }
      String output = Files.readString(log);
      if (code != 0) {
        throw new Failed(failure(p, code, output), output);
      }
      return new Layer(w, output);
    } catch (IOException | RuntimeException e) {
      w.close();
      throw e;
    }
  }

  /**
   * One line: what failed (the command, or the engine's own setup, which prints "engine: ..." and
   * exits 125 before the command starts) and the last line of output.
   */
  static String failure(Preparation p, int code, String output) {
    List<String> lines = output.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    String engine =
        lines.stream().filter(l -> l.startsWith("engine: ")).reduce((a, b) -> b).orElse(null);
    String last =
        lines.stream().filter(l -> !l.startsWith("engine: ")).reduce((a, b) -> b).orElse("");
    String what;
    if (code == 125 && engine != null) {
      what = engine.substring("engine: ".length());
    } else if (code < 0) {
      what =
          String.join(" ", p.command())
              + " did not finish within "
              + p.timeout().toSeconds()
              + " s (killed)";
    } else {
      what = String.join(" ", p.command()) + " exited with status " + code;
    }
    return what + (last.isEmpty() ? "" : "; last output: " + last);
  }

  /** Binds each source read-only at /run/engine-prepare/N inside the root, and the copy script. */
  private static String bindSources(Preparation p, Path copyScript) {
    StringBuilder b = new StringBuilder("mkdir -p \"$M" + STAGE + "\"\n");
    b.append("cp '").append(copyScript).append("' \"$M").append(STAGE).append("/copy.sh\"\n");
    for (int i = 0; i < p.files().size(); i++) {
      Path src = p.files().get(i).source();
      String at = "\"$M" + STAGE + "/" + i + "\"";
      b.append(Files.isDirectory(src) ? "mkdir " : "touch ").append(at).append('\n');
      b.append("mount --bind ").append(quote(src.toString())).append(' ').append(at).append('\n');
      b.append("mount -o remount,bind,ro ").append(at).append('\n');
    }
    return b.toString();
  }

  private static String unbindSources(Preparation p) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < p.files().size(); i++) {
      b.append("umount \"$M" + STAGE + "/" + i + "\"\n");
    }
    return b.append("rm -rf \"$M" + STAGE + "\"\n").toString();
  }

  /** Runs in the chroot with the image's own tools: target paths resolve inside the image. */
  static String copyScript(Preparation p) {
    StringBuilder b = new StringBuilder("set -e\numask 022\n");
    for (int i = 0; i < p.files().size(); i++) {
      Preparation.CopyIn f = p.files().get(i);
      String src = STAGE + "/" + i;
      String dst = quote(f.target());
      if (Files.isDirectory(f.source())) {
        b.append("mkdir -p ").append(dst).append('\n');
        b.append("cp -R ").append(src).append("/. ").append(dst).append('\n');
      } else {
        b.append("mkdir -p \"$(dirname ").append(dst).append(")\"\n");
        b.append("rm -f ").append(dst).append('\n');
        b.append("cp ").append(src).append(' ').append(dst).append('\n');
        if (f.mode() != null) {
          b.append("chmod ").append(Integer.toOctalString(f.mode())).append(' ').append(dst);
          b.append('\n');
        }
      }
    }
    return b.toString();
  }

  private static String envWords(Map<String, String> env) {
    List<String> words = new ArrayList<>();
    if (!env.containsKey("PATH")) {
      words.add("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    }
    if (!env.containsKey("HOME")) {
      words.add("HOME=/root");
    }
    env.forEach((k, v) -> words.add(k + "=" + v));
    return words(words);
  }

  private static String words(List<String> words) {
    StringBuilder b = new StringBuilder();
    for (String w : words) {
      b.append(b.length() > 0 ? " " : "").append(quote(w));
    }
    return b.toString();
  }

  static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
