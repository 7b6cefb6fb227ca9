package dev.osimages.engine.builder.docker;

import dev.osimages.engine.builder.BuildTraces;
import dev.osimages.engine.builder.DaemonImage.Edit;
import dev.osimages.engine.builder.DaemonImage.Kind;
import dev.osimages.engine.model.Hygiene;
import java.util.Set;

/**
 * What the export of a Docker container needs cleaned to equal the chroot backend's tree. Docker
 * puts an init layer over every container: an empty {@code /.dockerenv}, empty {@code
 * /etc/hostname}, {@code /etc/hosts}, {@code /etc/resolv.conf} and {@code /dev/console} (mount
 * points for the runtime's own files) and {@code /etc/mtab -> /proc/mounts}; these hide whatever
 * the image has at those paths and are dropped. Then the request's {@link Hygiene}, applied member
 * by member as the chroot backend applies it to the tree, except that /etc/shadow's dates are not
 * clamped (that needs the content; shadow's own tools honour SOURCE_DATE_EPOCH).
 */
final class ImageTraces {
  private static final Set<String> PLACEHOLDERS =
      Set.of("/.dockerenv", "/etc/hostname", "/etc/hosts", "/etc/resolv.conf", "/dev/console");

  private final Hygiene hygiene;

  ImageTraces(Hygiene hygiene) {
    this.hygiene = hygiene;
  }

  Edit edit(String path, Kind kind, long size, String linkTarget) {
    if (kind == Kind.FILE && size == 0 && PLACEHOLDERS.contains(path)) {
      return Edit.DROP;
    }
    if (kind == Kind.SYMLINK && path.equals("/etc/mtab") && linkTarget.equals("/proc/mounts")) {
      return Edit.DROP;
    }
    if (hygiene.emptyMachineId() && path.equals("/etc/machine-id") && kind == Kind.FILE) {
      return size > 0 ? Edit.EMPTY : Edit.KEEP;
    }
    if (hygiene.emptyMachineId() && path.equals("/var/lib/dbus/machine-id") && kind == Kind.FILE) {
      return Edit.DROP;
    }
    if (hygiene.removeSshHostKeys() && path.startsWith("/etc/ssh/ssh_host_")) {
      return Edit.DROP;
    }
    if (hygiene.aptLists() && aptCache(path)) {
      return Edit.DROP;
    }
    if (hygiene.buildTraces() && kind == Kind.FILE) {
      return BuildTraces.of(path, size)
          .map(a -> a == BuildTraces.Action.DROP ? Edit.DROP : Edit.EMPTY)
          .orElse(Edit.KEEP);
    }
    return Edit.KEEP;
  }

  /** The apt lists and caches {@code cleanApt} removes, as the chroot backend's hygiene does. */
  private static boolean aptCache(String path) {
    String lists = "/var/lib/apt/lists/";
    if (path.startsWith(lists) && path.length() > lists.length()) {
      String rest = path.substring(lists.length());
      String first = rest.split("/", 2)[0];
      return first.equals("partial") ? rest.length() > "partial/".length() : !first.equals("lock");
    }
    String archives = "/var/cache/apt/archives/";
    if (path.startsWith(archives + "partial/")) {
      return path.length() > (archives + "partial/").length();
    }
    if (path.startsWith(archives)) {
      String rest = path.substring(archives.length());
      return !rest.contains("/") && rest.endsWith(".deb");
    }
    String cache = "/var/cache/apt/";
    if (path.startsWith(cache)) {
      String rest = path.substring(cache.length());
      return !rest.contains("/") && rest.endsWith(".bin");
    }
    return false;
  }
}
