package dev.osimages.engine.builder.chroot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The command line that runs one RUN step isolated: {@code setpriv --pdeathsig} ties it to the
 * engine's life, {@code unshare} gives it new mount, pid, uts and ipc namespaces (private
 * propagation, child killed with unshare), and the script, running inside them, mounts the overlay,
 * /proc, a read-only /sys and a minimal /dev, runs the step's mount commands ({@link MountSetup}),
 * then enters the root with {@code nsenter}. Every mount belongs to the namespace: when its last
 * process dies, the mounts are gone, whatever happened to the engine.
 */
final class Sandbox {
  /** Mounts inside the namespace; the step's mounts and the exec follow (see {@link #script}). */
  static final String SETUP =
      """
      set -eu
      root=$1 lowers=$2 upper=$3 work=$4
      shift 4
      mount -t overlay overlay -o "userxattr,index=off,metacopy=off,lowerdir=$lowers,upperdir=$upper,workdir=$work" "$root"
      for d in proc sys dev; do
        if [ -L "$root/$d" ]; then
          echo "engine: /$d is a symlink in the image; refusing to mount over it" >&2
          exit 125
        fi
        [ -d "$root/$d" ] || mkdir -m 0755 "$root/$d"
      done
      mount -t proc -o nosuid,nodev,noexec proc "$root/proc"
      mount -t sysfs -o ro,nosuid,nodev,noexec sysfs "$root/sys"
      mount -t tmpfs -o nosuid,mode=0755,size=65536k dev "$root/dev"
      node() { mknod -m "$2" "$root/dev/$1" c "$3" "$4"; }
      node null 666 1 3; node zero 666 1 5; node full 666 1 7
      node random 666 1 8; node urandom 666 1 9; node tty 666 5 0
      mkdir -m 0755 "$root/dev/pts"
      mkdir -m 1777 "$root/dev/shm"
      mount -t devpts -o newinstance,ptmxmode=0666,mode=0620,gid=5,nosuid,noexec devpts "$root/dev/pts"
      mount -t tmpfs -o nosuid,nodev,mode=1777 shm "$root/dev/shm"
      ln -s pts/ptmx "$root/dev/ptmx"
      ln -s /proc/self/fd "$root/dev/fd"
      ln -s /proc/self/fd/0 "$root/dev/stdin"
      ln -s /proc/self/fd/1 "$root/dev/stdout"
      ln -s /proc/self/fd/2 "$root/dev/stderr"
      hostname osimages-build
      """;

  /** The PATH of the sandbox script itself when it runs with a replaced environment. */
  static final String SCRIPT_PATH = "/usr/sbin:/usr/bin:/sbin:/bin";

  private Sandbox() {}

  /**
   * The script: {@link #SETUP}, the step's {@code mounts}, then the exec of {@code env ... nsenter
   * ... -- argv}. Without {@code exports} the command's environment is exactly the given one
   * ({@code env -i}); with them the script runs with a replaced environment (see {@link
   * dev.osimages.engine.host.HostCommand#runWithOnly}) and hands each exported value (command name
   * to the script's internal name) to the command, so a secret never appears on a command line.
   */
  static String script(List<String> mounts, Map<String, String> exports) {
    StringBuilder s = new StringBuilder(SETUP);
    mounts.forEach(m -> s.append(m).append('\n'));
    if (exports.isEmpty()) {
      return s.append("exec env -i \"$@\"\n").toString();
    }
    exports.forEach(
        (name, internal) ->
            s.append("export ").append(name).append("=\"$").append(internal).append("\"\n"));
    s.append("unset ").append(String.join(" ", exports.values())).append('\n');
    return s.append("exec env -u PATH -u PWD -u OLDPWD \"$@\"\n").toString();
  }

  /**
   * The full command: mount {@code lowers} (option text, top first) and {@code upper} at {@code
   * root}, run {@code mounts}, then run {@code argv} in working directory {@code wd} (an image
   * path) as {@code uid}:{@code gid} with exactly {@code env} plus {@code exports}.
   */
  static List<String> command(
      String root,
      String lowers,
      String upper,
      String work,
      String wd,
      Users.Identity who,
      Map<String, String> env,
      List<String> argv,
      List<String> mounts,
      Map<String, String> exports) {
    List<String> c =
        new ArrayList<>(
            List.of(
                "setpriv",
                "--pdeathsig",
                "KILL",
                "--",
                "unshare",
                "--mount",
                "--pid",
                "--fork",
                "--uts",
                "--ipc",
                "--propagation",
                "private",
                "--kill-child",
                "--",
                "sh",
                "-c",
                script(mounts, exports),
                "engine-run",
                root,
                lowers,
                upper,
                work));
    env.forEach(
        (k, v) -> {
          if (!exports.containsKey(k)) {
            c.add(k + "=" + v);
          }
        });
    c.add("/usr/bin/nsenter");
    c.add("--root=" + root);
    c.add("--wd=" + root + (wd.isEmpty() ? "" : "/" + wd));
    if (who.uid() != 0 || who.gid() != 0) {
      c.add("--setgid=" + who.gid());
      c.add("--setuid=" + who.uid());
    }
    c.add("--");
    c.addAll(argv);
    return c;
  }
}
