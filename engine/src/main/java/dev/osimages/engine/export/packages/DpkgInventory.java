package dev.osimages.engine.export.packages;

import dev.osimages.engine.sbom.InstalledPackage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The packages of a dpkg status database as SBOM entries: exactly the packages {@code dpkg -l}
 * lists (see {@link DpkgList}), in its order, each with its source package, the licenses its
 * copyright file states, and its {@code Depends}/{@code Pre-Depends} resolved to installed packages
 * (the first alternative that is installed or provided by an installed package).
 */
final class DpkgInventory {
  private DpkgInventory() {}

  /**
   * @param licenses the license names of the package with this name (its doc directory's copyright
   *     file), empty when it states none
   */
  static List<InstalledPackage> of(
      List<Map<String, String>> stanzas, Function<String, List<String>> licenses) {
    List<Map<String, String>> listed = new ArrayList<>();
    for (Map<String, String> s : stanzas) {
      String[] st = s.getOrDefault("Status", "").split(" ");
      if (st.length == 3 && !st[2].equals("not-installed")) {
        listed.add(s);
      }
    }
    listed.sort(
        Comparator.comparing((Map<String, String> s) -> s.get("Package"))
            .thenComparing(s -> s.getOrDefault("Architecture", "")));
    Map<String, List<Map<String, String>>> provides = providers(listed);
    List<InstalledPackage> out = new ArrayList<>();
    for (Map<String, String> s : listed) {
      String name = s.get("Package");
      String version = s.getOrDefault("Version", "");
      String[] source = source(s.getOrDefault("Source", ""), name);
      String state = s.get("Status").split(" ")[2];
      out.add(
          new InstalledPackage(
              name,
              version,
              "",
              s.getOrDefault("Architecture", ""),
              source[0],
              source[1].equals(version) ? "" : source[1],
              licenses.apply(name),
              depends(s, provides),
              state.equals("installed") ? "" : state));
    }
    return out;
  }

  /** [name, version] of the source package; the binary's own name when the field is absent. */
  static String[] source(String field, String binary) {
    if (field.isEmpty()) {
      return new String[] {binary, ""};
    }
    int paren = field.indexOf('(');
    if (paren < 0) {
      return new String[] {field.strip(), ""};
    }
    String v = field.substring(paren + 1).replace(")", "").strip();
    return new String[] {field.substring(0, paren).strip(), v};
  }

  /** Every listed package under its name and under each virtual name it provides. */
  private static Map<String, List<Map<String, String>>> providers(List<Map<String, String>> all) {
    Map<String, List<Map<String, String>>> by = new HashMap<>();
    for (Map<String, String> s : all) {
      by.computeIfAbsent(s.get("Package"), k -> new ArrayList<>()).add(s);
    }
    for (Map<String, String> s : all) {
      for (String group : s.getOrDefault("Provides", "").split(",")) {
        String name = relationName(group);
        if (!name.isEmpty()) {
          by.computeIfAbsent(name, k -> new ArrayList<>()).add(s);
        }
      }
    }
    return by;
  }

  private static List<String> depends(
      Map<String, String> s, Map<String, List<Map<String, String>>> provides) {
    String arch = s.getOrDefault("Architecture", "");
    TreeSet<String> keys = new TreeSet<>();
    String relations = s.getOrDefault("Pre-Depends", "") + "," + s.getOrDefault("Depends", "");
    for (String group : relations.split(",")) {
      for (String alternative : group.split("\\|")) {
        List<Map<String, String>> found = provides.get(relationName(alternative));
        if (found != null) {
          Map<String, String> pick = pick(found, arch);
          keys.add(
              InstalledPackage.key(pick.get("Package"), pick.getOrDefault("Architecture", "")));
          break;
        }
      }
    }
    keys.remove(InstalledPackage.key(s.get("Package"), arch));
    return List.copyOf(keys);
  }

  /** Of several candidates, the one of the depending package's architecture, else any. */
  private static Map<String, String> pick(List<Map<String, String>> found, String arch) {
    for (Map<String, String> c : found) {
      if (c.getOrDefault("Architecture", "").equals(arch)) {
        return c;
      }
    }
    return found.get(0);
  }

  /** The package name of a relation: {@code libc6:any (>= 2.36) [amd64] <!nocheck>} gives libc6. */
  static String relationName(String relation) {
    String r = relation.strip();
    int end = 0;
    while (end < r.length()
        && !Character.isWhitespace(r.charAt(end))
        && "([<".indexOf(r.charAt(end)) < 0) {
      end++;
    }
    String name = r.substring(0, end);
    int colon = name.indexOf(':');
    return colon < 0 ? name : name.substring(0, colon);
  }
}
