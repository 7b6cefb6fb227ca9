package dev.osimages.engine.verify.gossfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osimages.engine.verify.resource.ResourceDecl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GossfileLoaderTest {
  @TempDir Path dir;

  private List<ResourceDecl> load(String text, Map<String, Object> vars) throws IOException {
    Path f = dir.resolve("goss.yaml");
    Files.writeString(f, text);
    return new GossfileLoader(vars, Map.of("ROLE", "router")).load(f);
  }

  @Test
  void templates_ifElseIfElse_eqNeAndOrNot() throws IOException {
    String t =
        """
        file:
        {{- if eq .Env.ROLE "server" }}
          /a: {exists: true}
        {{- else if and (ne .Vars.os "alma") (not .Vars.off) }}
          /b: {exists: true}
        {{- else }}
          /c: {exists: true}
        {{- end }}
        {{- if or .Vars.off (eq .Vars.n 3) }}
          /d: {exists: true}
        {{- end }}
        """;
    List<ResourceDecl> r = load(t, Map.of("os", "debian", "off", false, "n", 3L));
    assertThat(r).extracting(ResourceDecl::id).containsExactly("/b", "/d");
  }

  @Test
  void templates_range_overVarsList() throws IOException {
    String t = "package:\n{{- range .Vars.pkgs }}\n  {{ . }}: {installed: true}\n{{- end }}\n";
    assertThat(load(t, Map.of("pkgs", List.of("curl", "vim"))))
        .extracting(ResourceDecl::id)
        .containsExactly("curl", "vim");
  }

  @Test
  void templates_missingKey_isErrorNamingFileLine() {
    assertThatThrownBy(() -> load("file:\n  {{ .Vars.nope }}: {exists: true}\n", Map.of()))
        .isInstanceOf(GossLoadException.class)
        .hasMessageContaining("goss.yaml:2: map has no entry for key \"nope\"")
        .satisfies(e -> assertThat(((GossLoadException) e).exitCode()).isEqualTo(78));
  }

  @Test
  void templates_unknownFunctionOrSyntax_isErrorNamingFileLine() {
    assertThatThrownBy(() -> load("\n\n{{ printx \"%s\" .Vars.x }}\n", Map.of("x", "1")))
        .isInstanceOf(GossLoadException.class)
        .hasMessageContaining("goss.yaml:3: function \"printx\" not defined");
    assertThatThrownBy(() -> load("{{ .Vars.x | }}\n", Map.of("x", "1")))
        .hasMessageContaining("goss.yaml:1: missing value for command");
  }

  @Test
  void aliasBomb_isALoadErrorAtTheAlias() {
    StringBuilder t = new StringBuilder("file:\n  /etc: {exists: true}\n");
    t.append("x0: &l0 [a, a, a, a, a, a, a, a, a, a]\n");
    for (int i = 1; i < 8; i++) {
      t.append("x").append(i).append(": &l").append(i).append(" [");
      t.append(String.join(", ", java.util.Collections.nCopies(10, "*l" + (i - 1)))).append("]\n");
    }
    assertThatThrownBy(() -> load(t.toString(), Map.of()))
        .isInstanceOf(GossLoadException.class)
        .hasMessageContaining("goss.yaml:7:")
        .hasMessageContaining(": the alias *l3 expands the document to more than 100000 values");
  }

  @Test
  void tooDeepNesting_isALoadErrorWhereItGoesTooDeep() {
    String t = "file:\n  /etc:\n    exists: true\n    meta: " + "[".repeat(60) + "]".repeat(60);
    assertThatThrownBy(() -> load(t + "\n", Map.of()))
        .isInstanceOf(GossLoadException.class)
        .hasMessageContaining(
            "goss.yaml:4:58: lists and mappings are nested more than 50 levels deep here");
  }

  @Test
  void invalidUtf8_inASuiteOrVarsFile_isALoadErrorAtTheByte() throws IOException {
    Path g = dir.resolve("latin1.yaml");
    Files.write(
        g, "file:\n  /etc/caf\u00e9: {exists: true}\n".getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> new GossfileLoader(Map.of(), Map.of()).load(g))
        .isInstanceOf(GossLoadException.class)
        .hasMessage(
            g
                + ":2:11: not UTF-8 text: byte 0xE9 here is not valid UTF-8; save the file as UTF-8"
                + " (it may be Latin-1 or Windows-1252)");
    Path vars = dir.resolve("vars.yaml");
    Files.write(vars, new byte[] {'a', ':', ' ', (byte) 0xff, '\n'});
    assertThatThrownBy(() -> VarsFile.load(vars))
        .isInstanceOf(GossLoadException.class)
        .hasMessageStartingWith(vars + ":1:4: not UTF-8 text: byte 0xFF");
  }

  @Test
  void unknownAttribute_isErrorNamingFileLine() {
    assertThatThrownBy(() -> load("file:\n  /etc/passwd:\n    exist: true\n", Map.of()))
        .isInstanceOf(GossLoadException.class)
        .hasMessageContaining("goss.yaml:2: file \"/etc/passwd\": unknown attribute \"exist\"");
  }

  @Test
  void nullResource_isError() {
    assertThatThrownBy(() -> load("file:\n  /etc/passwd:\n", Map.of()))
        .hasMessageContaining("Could not parse resource File:/etc/passwd");
  }

  @Test
  void unquotedMode_isOctalInteger_asYamlV3() throws IOException {
    ResourceDecl r = load("file:\n  /x:\n    exists: true\n    mode: 0644\n", Map.of()).get(0);
    assertThat(r.attrs().get("mode")).isEqualTo(420L);
    assertThat(load("user:\n  u:\n    exists: yes\n", Map.of()).get(0).attrs().get("exists"))
        .as("yes stays a string in yaml.v3")
        .isEqualTo("yes");
  }

  @Test
  void gossfileIncludes_relativeGlobSortedAndSkip() throws IOException {
    Files.createDirectories(dir.resolve("parts"));
    Files.writeString(dir.resolve("parts/b.yaml"), "file:\n  /b: {exists: true}\n");
    Files.writeString(dir.resolve("parts/a.yaml"), "file:\n  /a: {exists: true}\n");
    Files.writeString(dir.resolve("skipped.yaml"), "file:\n  /s: {exists: true}\n");
    List<ResourceDecl> r =
        load("gossfile:\n  parts/*.yaml: {}\n  skipped.yaml: {skip: true}\n", Map.of());
    assertThat(r).extracting(ResourceDecl::id).containsExactly("/a", "/b", "/s");
    assertThat(r).extracting(ResourceDecl::skip).containsExactly(false, false, true);
  }

  @Test
  void gossfileInclude_withoutMatch_isError() {
    assertThatThrownBy(() -> load("gossfile:\n  none/*.yaml: {}\n", Map.of()))
        .hasMessageContaining("goss.yaml:2: gossfile \"none/*.yaml\": no files match");
  }

  @Test
  void blockScalar_keepsTrailingNewline() throws IOException {
    ResourceDecl r =
        load("command:\n  x:\n    exit-status: 0\n    stdout: |\n      0\n", Map.of()).get(0);
    assertThat(r.attrs().get("stdout")).isEqualTo("0\n");
  }

  @Test
  void nullVariable_printsNoValue_butMissingOneIsAnError() throws IOException {
    Map<String, Object> vars = new java.util.HashMap<>();
    vars.put("nothing", null);
    String t = "command:\n  echo {{ .Vars.nothing }}:\n    exit-status: 0\n";
    assertThat(load(t, vars).get(0).id()).isEqualTo("echo <no value>");
  }
}
