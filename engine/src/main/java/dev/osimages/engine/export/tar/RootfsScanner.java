package dev.osimages.engine.export.tar;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Walks a root filesystem into tar members in sorted order, so the same tree always gives the same
 * tarball. Nothing is followed: symlinks become link members, and only real directories are
 * descended, so no path can lead outside the root. Files with several links are stored once; later
 * names become hard-link members pointing at the first. Members are handed on in batches, xattrs
 * attached, as the walk goes: the tarball can start while the rest of the tree is still walked.
 */
public final class RootfsScanner {
  private static final String ATTRS = "unix:mode,ino,dev,rdev,nlink,uid,gid,size,lastModifiedTime";

  /** Members per batch: one getfattr process each, and the first batch arrives early. */
  private static final int BATCH = 1000;

  /** A member and, for regular files, where its content is read from. */
  public record Item(TarEntry entry, Path source) {}

  /** Receives the members in tar order, a batch at a time. */
  @FunctionalInterface
  public interface Sink {
    void accept(List<Item> batch) throws IOException, InterruptedException;
  }

  private final Path rootfs;
  private final ExcludeRules.Matcher excludes;
  private final OwnerNames names;
  private final Consumer<String> warnings;
  private final Map<List<Long>, String> firstLinks = new HashMap<>();
  private final Sink sink;
  private List<Item> pending = new ArrayList<>();

  private RootfsScanner(
      Path rootfs,
      ExcludeRules.Matcher excludes,
      OwnerNames names,
      Consumer<String> warnings,
      Sink sink) {
    this.rootfs = rootfs;
    this.excludes = excludes;
    this.names = names;
    this.warnings = warnings;
    this.sink = sink;
  }

  /**
   * Walks {@code rootfs}, handing every member to {@code sink} in tar order; {@code warnings} hears
   * of members that cannot be archived (sockets).
   */
  public static void walk(Path rootfs, ExcludeRules rules, Consumer<String> warnings, Sink sink)
      throws IOException, InterruptedException {
    if (!Files.isDirectory(rootfs, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(rootfs + ": not a directory");
    }
    RootfsScanner s =
        new RootfsScanner(rootfs, rules.matcher(), OwnerNames.of(rootfs), warnings, sink);
    s.visit(rootfs, "/");
    s.flush();
  }

  private void visit(Path path, String imagePath) throws IOException, InterruptedException {
    Map<String, Object> a = Files.readAttributes(path, ATTRS, LinkOption.NOFOLLOW_LINKS);
    int mode = (Integer) a.get("mode");
    TarEntry.Type type = FileTypes.of(mode);
    if (type == null) {
      warnings.accept(imagePath + ": a socket or unknown file type, not archived");
      return;
    }
    String member = TarNames.member(imagePath, type == TarEntry.Type.DIRECTORY);
    pending.add(
        new Item(entry(path, member, type, mode, a), type == TarEntry.Type.FILE ? path : null));
    if (pending.size() >= BATCH) {
      flush();
    }
    if (type != TarEntry.Type.DIRECTORY) {
      return;
    }
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(path)) {
      ds.forEach(children::add);
    }
    children.sort((x, y) -> x.getFileName().toString().compareTo(y.getFileName().toString()));
    String prefix = imagePath.equals("/") ? "/" : imagePath + "/";
    for (Path child : children) {
      checkRepresentable(child);
      String childPath = prefix + child.getFileName();
      if (!excludes.excluded(childPath)) {
        visit(child, childPath);
      }
    }
  }

  /**
   * The JVM decodes file names with the locale's charset; under LANG=C a UTF-8 name turns into
   * question marks and the tarball would carry a wrong name. Refuse instead of guessing.
   */
  private static void checkRepresentable(Path child) throws IOException {
    String name = child.getFileName().toString();
    if (name.chars().allMatch(c -> c < 0x80 && c != '?')) {
      return;
    }
    boolean same;
    try {
      same = Files.exists(child.resolveSibling(name), LinkOption.NOFOLLOW_LINKS);
    } catch (java.nio.file.InvalidPathException e) {
      same = false;
    }
    if (!same) {
      throw new IOException(
          child
              + ": file name cannot be decoded in the JVM's file name charset ("
              + System.getProperty("sun.jnu.encoding")
              + "); run the engine in a UTF-8 locale (LC_ALL=C.UTF-8)");
    }
  }

  private TarEntry entry(
      Path path, String member, TarEntry.Type type, int mode, Map<String, Object> a)
      throws IOException {
    long uid = ((Number) a.get("uid")).longValue();
    long gid = ((Number) a.get("gid")).longValue();
    long mtime = Math.floorDiv(((FileTime) a.get("lastModifiedTime")).toMillis(), 1000L);
    long size = type == TarEntry.Type.FILE ? (Long) a.get("size") : 0;
    String link = type == TarEntry.Type.SYMLINK ? Files.readSymbolicLink(path).toString() : "";
    if (type != TarEntry.Type.DIRECTORY && ((Number) a.get("nlink")).intValue() > 1) {
      List<Long> key = List.of((Long) a.get("dev"), (Long) a.get("ino"));
      String first = firstLinks.putIfAbsent(key, member);
      if (first != null) {
        type = TarEntry.Type.HARDLINK;
        link = first;
        size = 0;
      }
    }
    long rdev = (Long) a.get("rdev");
    return new TarEntry(
        member,
        type,
        mode & 07777,
        uid,
        gid,
        names.user(uid),
        names.group(gid),
        mtime,
        size,
        link,
        FileTypes.major(rdev),
        FileTypes.minor(rdev),
        Map.of());
  }

  /** Reads the xattrs of the pending members, attaches them and hands the batch on. */
  private void flush() throws IOException, InterruptedException {
    if (pending.isEmpty()) {
      return;
    }
    List<String> members = new ArrayList<>();
    for (Item i : pending) {
      if (i.entry().type() != TarEntry.Type.HARDLINK) {
        members.add(xattrKey(i.entry().name()));
      }
    }
    Map<String, Map<String, byte[]>> xattrs = XattrReader.read(rootfs, members);
    List<Item> out = new ArrayList<>(pending.size());
    for (Item i : pending) {
      Map<String, byte[]> x = xattrs.get(xattrKey(i.entry().name()));
      out.add(
          x == null || i.entry().type() == TarEntry.Type.HARDLINK
              ? i
              : new Item(i.entry().withXattrs(x), i.source()));
    }
    pending = new ArrayList<>();
    sink.accept(out);
  }

  private static String xattrKey(String member) {
    if (member.equals("./")) {
      return ".";
    }
    return member.endsWith("/") ? member.substring(0, member.length() - 1) : member;
  }
}
