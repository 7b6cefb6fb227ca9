package dev.osimages.engine.verify.targets;

import dev.osimages.engine.host.HostCommand;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Boots the image's own kernel and initrd in a VM: a raw ext4 disk made with {@code mkfs.ext4 -d}
 * from an overlay of the image (the probe lives only on that disk), QEMU (TCG by default, KVM when
 * asked) or cloud-hypervisor when asked. The console goes to the first serial port (kept for
 * failure reports), the probe's rounds to the second. With accel "auto" KVM is tried first and the
 * VM is restarted under TCG as soon as QEMU reports a KVM failure or the kernel stays silent (stock
 * kernels hit an emulation failure, or hang, under this host's nested KVM).
 */
public final class VmTarget implements Target {
  /** How long a guest under KVM may stay without a kernel banner before it is restarted on TCG. */
  static final Duration KVM_SILENT_LIMIT = Duration.ofSeconds(20);

  /** Runs of digits and of other characters, for {@link #versionOrder}. */
  private static final Pattern RUN = Pattern.compile("\\d+|\\D+");

  @Override
  public String name() {
    return "vm";
  }

  @Override
  public boolean booted() {
    return true;
  }

  @Override
  public TargetSession start(SystemImage image, String probeScript, TargetOptions o)
      throws IOException {
    if (!image.nics().isEmpty() && o.hypervisor() != Hypervisor.QEMU) {
      throw new IOException(
          "NICs need QEMU's user-mode network (cloud-hypervisor has none); use --hypervisor qemu");
    }
    Workdir w = new Workdir("engine-verify-vm-");
    try {
      Path kernel = newest(image.layers(), "vmlinuz-");
      Path initrd = newest(image.layers(), "initrd.img-");
      GuestProbe.install(w, probeScript, "/dev/ttyS1", o);
      Path disk = w.resolve("disk.raw");
      makeDisk(image.layers(), w, disk);
      Path console = w.resolve("console.log");
      Path results = w.resolve("results.log");
      Files.createFile(results);
      Path hvLog = w.resolve("hypervisor.log");
      Accel accel = firstAccel(o, kvmUsable());
      List<String> cmd =
          VmCommand.build(o, accel, kernel, initrd, disk, console, results, image.nics());
      FileSession session = new FileSession(w, ManagedProcess.start(cmd, hvLog), results, console);
      if (!fallsBackToTcg(o, accel)) {
        return session;
      }
      List<String> tcg =
          VmCommand.build(o, Accel.TCG, kernel, initrd, disk, console, results, image.nics());
      return new KvmFallbackSession(
          session, hvLog, () -> ManagedProcess.start(tcg, hvLog), KVM_SILENT_LIMIT);
    } catch (IOException | RuntimeException e) {
      w.close();
      throw e;
    }
  }

  /**
   * The accelerator the VM starts with: KVM when asked, or with auto when /dev/kvm opens and the
   * hypervisor is QEMU (which can restart under TCG); else TCG.
   */
  static Accel firstAccel(TargetOptions o, boolean kvmUsable) {
    boolean tryKvm = o.accel() == Accel.AUTO && kvmUsable && o.hypervisor() == Hypervisor.QEMU;
    return tryKvm || o.accel() == Accel.KVM ? Accel.KVM : Accel.TCG;
  }

  /** Whether a VM started with {@code first} is restarted under TCG when KVM fails it. */
  static boolean fallsBackToTcg(TargetOptions o, Accel first) {
    return o.accel() == Accel.AUTO && first == Accel.KVM;
  }

  /** The disk's size in MiB for an image of {@code usedBytes}: a third more, plus 256 MiB. */
  static long diskMegabytes(long usedBytes) {
    return (usedBytes + usedBytes / 3 + (256L << 20)) >> 20;
  }

  private static void makeDisk(List<Path> layers, Workdir w, Path disk) throws IOException {
    long used = 0;
    for (Path layer : layers) {
      try (Stream<Path> s = Files.walk(layer)) {
        used +=
            s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                .mapToLong(p -> p.toFile().length())
                .sum();
      }
    }
    long size = diskMegabytes(used);
    String script =
        "set -e\n"
            + Overlay.mountLines(layers, w)
            + "mkfs.ext4 -q -F -L root -d '"
            + w.resolve("merged")
            + "' '"
            + disk
            + "' "
            + size
            + "M\n";
    HostCommand.Result r =
        HostCommand.run(
            List.of("unshare", "--mount", "--propagation", "private", "sh", "-c", script),
            null,
            Map.of(),
            l -> {});
    if (!r.ok()) {
      throw new IOException("mkfs.ext4 -d failed: " + String.join("\n", r.tail()).strip());
    }
  }

  /** Compares names run by run: digit runs by their value, other runs as text (like sort -V). */
  static int versionOrder(String a, String b) {
    Matcher x = RUN.matcher(a);
    Matcher y = RUN.matcher(b);
    while (x.find() && y.find()) {
      String p = x.group();
      String q = y.group();
      boolean digits = Character.isDigit(p.charAt(0)) && Character.isDigit(q.charAt(0));
      int c = digits ? new BigInteger(p).compareTo(new BigInteger(q)) : p.compareTo(q);
      if (c != 0) {
        return c;
      }
    }
    return a.length() - b.length();
  }

  /** Whether /dev/kvm can be opened; whether a guest actually runs under it is seen later. */
  static boolean kvmUsable() {
    Path kvm = Path.of("/dev/kvm");
    return Files.isReadable(kvm) && Files.isWritable(kvm);
  }

  /**
   * The newest /boot/PREFIX* regular file of the topmost layer that has one (never a link that
   * could leave the image).
   */
  static Path newest(List<Path> layers, String prefix) throws IOException {
    for (Path layer : layers.subList(0, layers.size() - 1)) {
      Path boot = layer.resolve("boot");
      if (Files.isDirectory(boot, LinkOption.NOFOLLOW_LINKS)) {
        try (Stream<Path> s = Files.list(boot)) {
          if (s.anyMatch(p -> p.getFileName().toString().startsWith(prefix))) {
            return newest(layer, prefix);
          }
        }
      }
    }
    return newest(layers.get(layers.size() - 1), prefix);
  }

  /**
   * The image's newest /boot/PREFIX* regular file (never a link that could leave the image): the
   * highest version, numbers compared as numbers, so 6.1.0-10 is newer than 6.1.0-9.
   */
  static Path newest(Path rootfs, String prefix) throws IOException {
    Path boot = rootfs.resolve("boot");
    if (!Files.isDirectory(boot, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(rootfs + ": no /boot directory: the image has no kernel to boot");
    }
    try (Stream<Path> s = Files.list(boot)) {
      return s.filter(p -> p.getFileName().toString().startsWith(prefix))
          .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
          .max((a, b) -> versionOrder(a.getFileName().toString(), b.getFileName().toString()))
          .orElseThrow(
              () ->
                  new IOException(
                      boot + ": no " + prefix + "* file: the image has no kernel or initrd"));
    }
  }
}
