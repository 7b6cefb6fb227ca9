package dev.osimages.engine.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerfileRendererTest {
  private static final String HEADER = "ARG BASE_IMAGE={{base_image}}\nFROM ${BASE_IMAGE}\n";

  @TempDir Path dir;
  private final DockerfileRenderer renderer = new DockerfileRenderer();

  private Path write(String relative, String text) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  private static Map<String, String> context(String... pairs) {
    Map<String, String> map = new HashMap<>();
    map.put("base_image", "localhost/osimages/bootstrap/trixie");
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }

  private String render(Path template, Map<String, String> context) {
    return renderer.render(template, dir, "debian/13", context);
  }

  @Test
  void render_substitutesArgsAndFields() throws IOException {
    Path t = write("templates/d.mustache", HEADER + "RUN echo {{CODENAME}} {{id}}\n");
    assertThat(render(t, context("CODENAME", "trixie", "id", "debian/13")))
        .isEqualTo(
            "ARG BASE_IMAGE=localhost/osimages/bootstrap/trixie\nFROM ${BASE_IMAGE}\n"
                + "RUN echo trixie debian/13\n");
  }

  @Test
  void render_missingVariable_namesTemplateLineAndCell() throws IOException {
    Path t = write("templates/debian.Dockerfile.mustache", HEADER + "\n# x\nRUN {{CODENAME}}\n");
    assertThatThrownBy(() -> render(t, context()))
        .isInstanceOf(RenderException.class)
        .hasMessage(
            "templates/debian.Dockerfile.mustache:5: {{CODENAME}}: no arg or field provides"
                + " 'CODENAME' (cell debian/13)");
  }

  @Test
  void render_missingSectionVariable_isAnErrorToo() throws IOException {
    Path t =
        write("templates/d.mustache", HEADER + "{{#OPTIONAL_URL}}\nRUN x\n{{/OPTIONAL_URL}}\n");
    assertThatThrownBy(() -> render(t, context()))
        .hasMessage(
            "templates/d.mustache:3: {{#OPTIONAL_URL}}: no arg or field provides 'OPTIONAL_URL'"
                + " (cell debian/13)");
  }

  @Test
  void render_valueWithNewline_isRejected() throws IOException {
    Path t = write("templates/d.mustache", HEADER + "RUN echo {{MOTD}}\n");
    assertThatThrownBy(() -> render(t, context("MOTD", "hi\nRUN rm -rf /")))
        .isInstanceOf(RenderException.class)
        .hasMessageContaining("templates/d.mustache:3")
        .hasMessageContaining("'MOTD' contains a line break")
        .hasMessageContaining("(cell debian/13)");
    assertThatThrownBy(() -> render(t, context("MOTD", "hi\rthere")))
        .hasMessageContaining("'MOTD' contains a line break");
  }

  @Test
  void render_doesNotEscapeHtml() throws IOException {
    Path t = write("templates/d.mustache", HEADER + "RUN {{A}} && {{{A}}} {{&A}}\n");
    String out = render(t, context("A", "a && b <c> \"d\" 'e' `f`"));
    assertThat(out)
        .endsWith(
            "RUN a && b <c> \"d\" 'e' `f` && a && b <c> \"d\" 'e' `f` a && b <c> \"d\" 'e' `f`\n");
  }

  @Test
  void render_sectionTruthiness_emptyStringIsFalse() throws IOException {
    Path t =
        write(
            "templates/d.mustache",
            HEADER + "{{#URL}}RUN fetch {{URL}}\n{{/URL}}{{^URL}}RUN none\n{{/URL}}END\n");
    assertThat(render(t, context("URL", ""))).endsWith("FROM ${BASE_IMAGE}\nRUN none\nEND\n");
    assertThat(render(t, context("URL", "https://example.invalid/x")))
        .endsWith("FROM ${BASE_IMAGE}\nRUN fetch https://example.invalid/x\nEND\n");
    // non-empty strings are true, whatever they say
    assertThat(render(t, context("URL", "false"))).contains("RUN fetch false\n");
    assertThat(render(t, context("URL", "0"))).contains("RUN fetch 0\n");
  }

  @Test
  void render_standaloneSectionTags_leaveNoBlankLines() throws IOException {
    Path t = write("templates/d.mustache", HEADER + "{{#URL}}\nRUN a\n{{/URL}}\nRUN b\n");
    assertThat(render(t, context("URL", ""))).endsWith("FROM ${BASE_IMAGE}\nRUN b\n");
    assertThat(render(t, context("URL", "u"))).endsWith("FROM ${BASE_IMAGE}\nRUN a\nRUN b\n");
  }

  @Test
  void render_insideSection_namesResolveOnlyAgainstContext() throws IOException {
    // a String scope must not expose its Java methods (bytes, empty, class ...)
    Path t = write("templates/d.mustache", HEADER + "{{#URL}}RUN {{bytes}}\n{{/URL}}");
    assertThatThrownBy(() -> render(t, context("URL", "u")))
        .hasMessageContaining("templates/d.mustache:3: {{bytes}}: no arg or field provides");
  }

  @Test
  void render_includesPartials_withTheirOwnLineNumbers() throws IOException {
    write("templates/partials/apt.mustache", "RUN apt-get install {{PKG}}\nRUN {{MISSING}}\n");
    Path t = write("templates/d.mustache", HEADER + "{{> apt}}\n");
    assertThatThrownBy(() -> render(t, context("PKG", "sudo")))
        .hasMessage(
            "templates/partials/apt.mustache:2: {{MISSING}}: no arg or field provides 'MISSING'"
                + " (cell debian/13)");
    assertThat(render(t, context("PKG", "sudo", "MISSING", "true")))
        .endsWith("FROM ${BASE_IMAGE}\nRUN apt-get install sudo\nRUN true\n\n");
  }

  @Test
  void render_nestedPartials_resolveInTheSamePartialsDirectory() throws IOException {
    write("templates/partials/outer.mustache", "{{> inner}}\n");
    write("templates/partials/inner.mustache", "RUN inner\n");
    Path t = write("templates/d.mustache", HEADER + "{{> outer}}\n");
    // mustache.java keeps the line break after a standalone partial tag: a blank line each
    assertThat(render(t, context())).endsWith("FROM ${BASE_IMAGE}\nRUN inner\n\n\n");
  }

  @Test
  void render_partialEscapingItsDirectory_isRefused() throws IOException {
    write("secret.mustache", "RUN leaked\n");
    Path t = write("templates/d.mustache", HEADER + "{{> ../../secret}}\n");
    assertThatThrownBy(() -> render(t, context()))
        .hasMessageStartingWith("templates/d.mustache:3: {{> ../../secret}}: a partial is named");
  }

  @Test
  void render_partialSymlinkOutside_isRefused() throws IOException {
    Path secret = write("secret.mustache", "RUN leaked\n");
    Files.createDirectories(dir.resolve("templates/partials"));
    Files.createSymbolicLink(dir.resolve("templates/partials/evil.mustache"), secret);
    Path t = write("templates/d.mustache", HEADER + "{{> evil}}\n");
    assertThatThrownBy(() -> render(t, context()))
        .hasMessageContaining("templates/d.mustache:3: {{> evil}}")
        .hasMessageContaining("resolves outside templates/partials/");
  }

  @Test
  void render_missingPartial_namesIncludingLine() throws IOException {
    Path t = write("templates/d.mustache", HEADER + "{{> nothere}}\n");
    assertThatThrownBy(() -> render(t, context()))
        .hasMessage(
            "templates/d.mustache:3: {{> nothere}}: no such partial:"
                + " templates/partials/nothere.mustache");
  }

  @Test
  void render_templateInheritance_isRefused() throws IOException {
    Path t = write("templates/d.mustache", HEADER + "{{<parent}}{{/parent}}\n");
    assertThatThrownBy(() -> render(t, context()))
        .hasMessageContaining("templates/d.mustache:3: {{<parent}}: template inheritance");
  }

  @Test
  void render_withoutBaseImageHeader_isRefused() throws IOException {
    Path t = write("templates/d.mustache", "# syntax=docker/dockerfile:1\nFROM debian\n");
    assertThatThrownBy(() -> render(t, context()))
        .hasMessage(
            "templates/d.mustache: rendered line 2: the first instruction must be ARG"
                + " BASE_IMAGE=... (cell debian/13)");
    Path u = write("templates/e.mustache", "ARG BASE_IMAGE=x\nFROM debian\n");
    assertThatThrownBy(() -> render(u, context()))
        .hasMessageContaining("must be FROM ${BASE_IMAGE}");
  }

  @Test
  void render_commentHeaderBeforeBaseImage_isAccepted() throws IOException {
    Path t = write("templates/d.mustache", "# syntax=docker/dockerfile:1\n# c\n\n" + HEADER);
    assertThat(render(t, context())).contains("ARG BASE_IMAGE=localhost/osimages/bootstrap");
  }

  @Test
  void render_syntaxError_namesTemplate() throws IOException {
    Path t = write("templates/d.mustache", HEADER + "{{#A}}\nRUN x\n");
    assertThatThrownBy(() -> render(t, context("A", "1")))
        .isInstanceOf(RenderException.class)
        .hasMessageStartingWith("templates/d.mustache: ")
        .hasMessageEndingWith("(cell debian/13)");
  }

  @Test
  void render_missingTemplate_namesIt() {
    assertThatThrownBy(() -> render(dir.resolve("templates/none.mustache"), context()))
        .isInstanceOf(RenderException.class)
        .hasMessageStartingWith("templates/none.mustache: cannot read template");
  }

  @Test
  void render_dotNamesAndPaths_areRefused() throws IOException {
    Path t = write("templates/d.mustache", HEADER + "RUN {{.}}\n");
    assertThatThrownBy(() -> render(t, context()))
        .hasMessage(
            "templates/d.mustache:3: {{.}}: names are plain arg or field names (no '.' paths)");
    Path u = write("templates/e.mustache", HEADER + "{{#a.b}}x{{/a.b}}\n");
    assertThatThrownBy(() -> render(u, context()))
        .hasMessageStartingWith("templates/e.mustache:3: {{#a.b}}: names are plain");
  }
}
