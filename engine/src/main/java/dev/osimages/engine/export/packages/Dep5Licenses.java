package dev.osimages.engine.export.packages;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The licenses a Debian package states machine-readably: the {@code License:} fields of its {@code
 * /usr/share/doc/PKG/copyright} when that file is in the machine-readable format (DEP-5, its first
 * paragraph has a {@code Format:} field). Each field's first line is an expression of short names
 * joined by {@code or}/{@code and} ({@code GPL-2+ or Artistic}); the names are returned one by one,
 * in order of first appearance. A free-form copyright file states nothing machine-readable, so it
 * yields no license rather than a guess.
 */
public final class Dep5Licenses {
  private Dep5Licenses() {}

  /** The license short names of a copyright file; empty when it is not DEP-5. */
  public static List<String> of(String copyright) {
    String[] paragraphs = copyright.replace("\r", "").split("\n[ \t]*\n");
    if (paragraphs.length == 0 || !hasField(paragraphs[0], "Format")) {
      return List.of();
    }
    Set<String> names = new LinkedHashSet<>();
    for (int i = 0; i < paragraphs.length; i++) {
      // The header's License and those of Files paragraphs apply to the package; a stand-alone
      // License paragraph only gives the text of a name used elsewhere.
      if (i > 0 && !hasField(paragraphs[i], "Files")) {
        continue;
      }
      String expression = field(paragraphs[i], "License");
      if (!expression.isEmpty()) {
        names.addAll(split(expression));
      }
    }
    return List.copyOf(names);
  }

  /** The short names of one License expression, without the {@code or}/{@code and} joints. */
  static List<String> split(String expression) {
    List<String> out = new ArrayList<>();
    for (String part : expression.split("(?i)\\s+(?:or|and)\\s+|,\\s*(?:or|and)?\\s*")) {
      String name = part.strip().replaceAll("^\\(+|\\)+$", "");
      if (!name.isEmpty()) {
        out.add(name);
      }
    }
    return out;
  }

  /** Whether {@code paragraph} has field {@code name}, even with its value on later lines. */
  private static boolean hasField(String paragraph, String name) {
    String prefix = name.toLowerCase(Locale.ROOT) + ":";
    for (String line : paragraph.split("\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** The first line of field {@code name} in {@code paragraph}, "" when absent. */
  private static String field(String paragraph, String name) {
    String prefix = name.toLowerCase(Locale.ROOT) + ":";
    for (String line : paragraph.split("\n")) {
      if (!line.isEmpty()
          && !Character.isWhitespace(line.charAt(0))
          && line.toLowerCase(Locale.ROOT).startsWith(prefix)) {
        return line.substring(prefix.length()).strip();
      }
    }
    return "";
  }
}
