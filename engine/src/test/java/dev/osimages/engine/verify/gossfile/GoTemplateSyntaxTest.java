package dev.osimages.engine.verify.gossfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Go text/template syntax beyond if/range: with, variables, pipelines, loops, comments. */
class GoTemplateSyntaxTest {
  private static final Map<String, Object> VARS =
      Map.of(
          "os", "debian",
          "pkgs", List.of("curl", "vim"),
          "ports", Map.of("ssh", 22L, "bgp", 179L),
          "empty", List.of(),
          "nested", Map.of("a", Map.of("b", "deep")));

  static String render(String text) throws TemplateException {
    return render(text, VARS, Map.of("OS", "debian", "ROLE", "machine"));
  }

  static String render(String text, Map<String, Object> vars, Map<String, String> env)
      throws TemplateException {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("Vars", vars);
    data.put("Env", env);
    return GoTemplate.render("goss.yaml", text, data);
  }

  @Test
  void with_setsDotAndTakesElseWhenEmpty() throws Exception {
    assertThat(render("{{ with .Vars.nested.a }}{{ .b }}{{ end }}")).isEqualTo("deep");
    assertThat(render("{{ with .Vars.empty }}x{{ else }}none{{ end }}")).isEqualTo("none");
    assertThat(render("{{ with $p := .Vars.ports }}{{ $p.ssh }}/{{ .bgp }}{{ end }}"))
        .isEqualTo("22/179");
  }

  @Test
  void elseWith_andElseIf_chainWithOneEnd() throws Exception {
    assertThat(render("{{ with .Vars.empty }}a{{ else with .Vars.os }}{{ . }}{{ else }}c{{ end }}"))
        .isEqualTo("debian");
    assertThat(render("{{ if eq .Env.OS \"x\" }}a{{ else if eq .Env.OS \"debian\" }}b{{ end }}."))
        .isEqualTo("b.");
  }

  @Test
  void range_withIndexAndElementVariables() throws Exception {
    assertThat(render("{{ range $i, $p := .Vars.pkgs }}{{ $i }}={{ $p }} {{ end }}"))
        .isEqualTo("0=curl 1=vim ");
    assertThat(render("{{ range $name, $port := .Vars.ports }}{{ $name }}:{{ $port }},{{ end }}"))
        .as("maps range in sorted key order, as Go")
        .isEqualTo("bgp:179,ssh:22,");
    assertThat(render("{{ range $x := .Vars.pkgs }}{{ $x }}{{ end }}")).isEqualTo("curlvim");
    assertThat(render("{{ range 3 }}{{ . }}{{ end }}")).isEqualTo("012");
    assertThat(render("{{ range .Vars.empty }}x{{ else }}empty{{ end }}")).isEqualTo("empty");
  }

  @Test
  void breakAndContinue_insideRange() throws Exception {
    String t =
        "{{ range $i, $x := mkSlice 1 2 3 4 }}{{ if eq $x 2 }}{{ continue }}{{ end }}"
            + "{{ if eq $x 4 }}{{ break }}{{ end }}{{ $x }}{{ end }}";
    assertThat(render(t)).isEqualTo("13");
    assertThatThrownBy(() -> render("{{ break }}")).hasMessageContaining("{{break}} outside");
  }

  @Test
  void pipelines_passTheValueAsLastArgument() throws Exception {
    assertThat(render("{{ .Env.OS | toUpper }}")).isEqualTo("DEBIAN");
    assertThat(render("{{ .Vars.pkgs | join \",\" | printf \"[%s]\" }}")).isEqualTo("[curl,vim]");
    assertThat(render("{{ \"a-b\" | replace \"-\" \"_\" | upper }}")).isEqualTo("A_B");
    assertThat(render("{{ if .Vars.pkgs | len | eq 2 }}two{{ end }}")).isEqualTo("two");
  }

  @Test
  void variables_declareAssignAndRoot() throws Exception {
    assertThat(render("{{ $x := \"a\" }}{{ $x = \"b\" }}{{ $x }}")).isEqualTo("b");
    assertThat(render("{{ range .Vars.pkgs }}{{ $.Env.OS }}-{{ . }} {{ end }}"))
        .isEqualTo("debian-curl debian-vim ");
    assertThat(render("{{ $n := 0 }}{{ range .Vars.pkgs }}{{ $n = add $n 1 }}{{ end }}{{ $n }}"))
        .as("assignment inside range reaches the outer variable, as in Go 1.11+")
        .isEqualTo("2");
    assertThatThrownBy(() -> render("{{ $y }}")).hasMessageContaining("undefined variable \"$y\"");
    assertThatThrownBy(() -> render("{{ if true }}{{ $z := 1 }}{{ end }}{{ $z }}"))
        .as("a variable's scope ends at the end of its control structure")
        .hasMessageContaining("undefined variable \"$z\"");
  }

  @Test
  void parenthesizedPipelines_withFieldChains() throws Exception {
    assertThat(render("{{ (index .Vars \"nested\").a.b }}")).isEqualTo("deep");
    assertThat(render("{{ printf \"%d\" (len (list 1 2 3)) }}")).isEqualTo("3");
  }

  @Test
  void commentsTrimMarkersAndStringsWithBraces() throws Exception {
    assertThat(render("a  {{- /* a comment with }} */ -}}  b")).isEqualTo("ab");
    assertThat(render("{{ \"}}\" }}|{{ `raw\\n` }}|{{ 'x' }}")).isEqualTo("}}|raw\\n|120");
    assertThat(render("{{ \"tab\\there\" }}")).isEqualTo("tab\there");
    assertThat(render("{{ 0x1F }} {{ 1_000 }} {{ -2 }} {{ 1.5 }}")).isEqualTo("31 1000 -2 1.5");
  }

  @Test
  void unsupportedThingsNameThemselves() {
    assertThatThrownBy(() -> render("\n{{ define \"x\" }}{{ end }}"))
        .hasMessageContaining("goss.yaml:2: {{define}} is not supported by this engine");
    assertThatThrownBy(() -> render("{{ template \"x\" }}"))
        .hasMessageContaining("{{template}} is not supported");
    assertThatThrownBy(() -> render("{{ nosuchfn 1 }}"))
        .hasMessageContaining("goss.yaml:1: function \"nosuchfn\" not defined");
    assertThatThrownBy(() -> render("{{ now }}"))
        .hasMessageContaining(
            "function \"now\" is a Sprig function goss provides but this engine does not"
                + " implement");
    assertThatThrownBy(() -> render("{{ with }}x{{ end }}"))
        .hasMessageContaining("goss.yaml:1: missing value for with");
  }

  @Test
  void unclosedStructuresAndStrayEnds_areErrors() {
    assertThatThrownBy(() -> render("{{ with .Vars.os }}x"))
        .hasMessageContaining("unexpected EOF: the {{with}} at line 1 has no {{end}}");
    assertThatThrownBy(() -> render("{{ range .Vars.pkgs }}x"))
        .hasMessageContaining("unexpected EOF: the {{range}} at line 1 has no {{end}}");
    assertThatThrownBy(() -> render("x{{ end }}")).hasMessageContaining("unexpected {{end}}");
    assertThatThrownBy(() -> render("{{ .Vars.os")).hasMessageContaining("unclosed action");
  }

  @Test
  void nonFunctionWithArguments_isGoError() {
    assertThatThrownBy(() -> render("{{ .Vars.os | .Vars.pkgs }}"))
        .hasMessageContaining("pkgs is not a method but has arguments");
    assertThatThrownBy(() -> render("{{ $x := 1 }}{{ $x 2 }}"))
        .hasMessageContaining("can't give argument to non-function $x");
  }
}
