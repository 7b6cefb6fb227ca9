package dev.osimages.engine.review;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** What changed between two package lists of the same image. */
public record PackageDiff(List<String> added, List<String> removed, List<Change> changed) {

  /** A package whose version differs. */
  public record Change(String name, String from, String to) {}

  public PackageDiff {
    added = List.copyOf(added);
    removed = List.copyOf(removed);
    changed = List.copyOf(changed);
  }

  /** Compares {@code before} with {@code after}; names sorted. */
  public static PackageDiff between(PackageList before, PackageList after) {
    List<String> added = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    List<Change> changed = new ArrayList<>();
    Map<String, String> a = before.versions();
    Map<String, String> b = after.versions();
    TreeSet<String> names = new TreeSet<>(a.keySet());
    names.addAll(b.keySet());
    for (String n : names) {
      if (!a.containsKey(n)) {
        added.add(n + " " + b.get(n));
      } else if (!b.containsKey(n)) {
        removed.add(n + " " + a.get(n));
      } else if (!a.get(n).equals(b.get(n))) {
        changed.add(new Change(n, a.get(n), b.get(n)));
      }
    }
    return new PackageDiff(added, removed, changed);
  }

  /** Whether nothing changed. */
  public boolean isEmpty() {
    return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
  }
}
