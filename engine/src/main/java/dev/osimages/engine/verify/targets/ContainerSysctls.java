package dev.osimages.engine.verify.targets;

import java.util.List;

/**
 * Which kernel parameters a systemd-nspawn container owns. It shares the host's kernel: only
 * parameters of its own namespaces are its own (net.* of its private network, the UTS names, the
 * IPC limits); every other value under /proc/sys is the host's, so on the boot target such a check
 * would compare the host, not the image. Those are skipped with the reason; the vm target boots the
 * image's own kernel and checks them.
 */
final class ContainerSysctls {
  private static final List<String> NAMESPACED =
      List.of(
          "net.",
          "kernel.hostname",
          "kernel.domainname",
          "kernel.shm",
          "kernel.msg",
          "kernel.sem",
          "fs.mqueue.");

  private ContainerSysctls() {}

  /** Why a container cannot own {@code param}, or null when it does. */
  static String notOwned(String param) {
    String key = param.replace('/', '.');
    if (NAMESPACED.stream().anyMatch(key::startsWith)) {
      return null;
    }
    return "kernel parameter "
        + param
        + " belongs to the host's kernel, which a container shares and cannot set;"
        + " the vm target boots the image's own kernel";
  }
}
