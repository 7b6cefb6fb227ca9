package dev.osimages.engine.render;

/**
 * Checks the one structural promise a rendered Dockerfile makes to the backends: it starts with
 * {@code ARG BASE_IMAGE=<ref>} and then {@code FROM ${BASE_IMAGE}} (optionally {@code AS name}), so
 * a backend can point the build at the base it prepared (a bootstrap, a cell, a registry image) by
 * overriding one build arg. Blank lines and comments (a {@code # syntax=} header included) may come
 * first.
 */
final class BaseImageHeader {
  private BaseImageHeader() {}

  static void check(String dockerfile, String templateName, String cellId) {
    String[] lines = dockerfile.split("\n", -1);
    int i = skipComments(lines, 0);
    if (i >= lines.length || !lines[i].strip().startsWith("ARG BASE_IMAGE=")) {
      throw problem(templateName, i, cellId, "the first instruction must be ARG BASE_IMAGE=...");
    }
    int j = skipComments(lines, i + 1);
    String from = j < lines.length ? lines[j].strip() : "";
    if (!from.equals("FROM ${BASE_IMAGE}") && !from.startsWith("FROM ${BASE_IMAGE} AS ")) {
      throw problem(
          templateName,
          j,
          cellId,
          "the instruction after ARG BASE_IMAGE must be FROM ${BASE_IMAGE}");
    }
  }

  private static int skipComments(String[] lines, int from) {
    int i = from;
    while (i < lines.length && (lines[i].isBlank() || lines[i].strip().startsWith("#"))) {
      i++;
    }
    return i;
  }

  private static RenderException problem(String template, int index, String cellId, String what) {
    // line numbers are of the rendered text; without partials in the header they match the template
    return new RenderException(
        template + ": rendered line " + (index + 1) + ": " + what + " (cell " + cellId + ")");
  }
}
