package dev.osimages.engine.verify.gossfile;

import static dev.osimages.engine.verify.gossfile.GoTemplateSyntaxTest.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The functions goss v0.4 gives templates: Go's builtins, goss's own and Sprig's. */
class GoTemplateFunctionsTest {
  @TempDir Path dir;

  @Test
  void goBuiltins_lenIndexSlicePrintComparisons() throws Exception {
    assertThat(render("{{ len .Vars.pkgs }} {{ len \"äb\" }} {{ len .Vars.ports }}"))
        .as("len counts bytes of a string, as Go")
        .isEqualTo("2 3 2");
    assertThat(render("{{ index .Vars.pkgs 1 }} {{ index .Vars.ports \"ssh\" }}"))
        .isEqualTo("vim 22");
    assertThat(render("{{ index .Vars.ports \"none\" }}")).isEqualTo("<no value>");
    assertThatThrownBy(() -> render("{{ index .Vars.pkgs 5 }}"))
        .hasMessageContaining("error calling index: index out of range: 5");
    assertThat(render("{{ slice .Vars.pkgs 1 }} {{ slice \"abcd\" 1 3 }}")).isEqualTo("[vim] bc");
    assertThat(render("{{ print 1 2 \"a\" 3 }}|{{ println \"x\" 1 }}")).isEqualTo("1 2a3|x 1\n");
    assertThat(render("{{ lt 1 2 }} {{ le 2 2 }} {{ gt \"b\" \"a\" }} {{ ge 1.5 2.5 }}"))
        .isEqualTo("true true true false");
    assertThat(render("{{ eq .Env.OS \"ubuntu\" \"debian\" }} {{ ne 1 2 }}"))
        .isEqualTo("true true");
    assertThatThrownBy(() -> render("{{ lt 1 \"2\" }}"))
        .hasMessageContaining("error calling lt: incompatible types for comparison");
    assertThat(render("{{ and 1 0 }} {{ or 0 \"\" \"x\" }} {{ not .Vars.empty }}"))
        .isEqualTo("0 x true");
    assertThat(render("{{ html \"<a&b>\" }} {{ urlquery \"a b&c\" }}"))
        .isEqualTo("&lt;a&amp;b&gt; a+b%26c");
  }

  @Test
  void printf_goVerbsWidthsAndMismatches() throws Exception {
    assertThat(
            render(
                "{{ printf \"%s-%d-%5.2f-%q-%v-%x-%t\" \"a\" 42 3.14159 \"q\" .Vars.pkgs 255 true }}"))
        .isEqualTo("a-42- 3.14-\"q\"-[curl vim]-ff-true");
    assertThat(render("{{ printf \"%-4s|%04d|%+d|%%\" \"ab\" 7 3 }}")).isEqualTo("ab  |0007|+3|%");
    assertThat(render("{{ printf \"%d\" \"x\" }}|{{ printf \"%s\" }}|{{ printf \"a\" 1 }}"))
        .isEqualTo("%!d(string=x)|%!s(MISSING)|a%!(EXTRA int=1)");
    assertThat(render("{{ printf \"%g %g %g\" 1000000.0 0.5 123456.0 }}"))
        .isEqualTo("1e+06 0.5 123456");
  }

  @Test
  void gossFunctions_mkSliceGetEnvRegexMatchCase() throws Exception {
    assertThat(render("{{ range mkSlice \"a\" \"b\" }}{{ . }}{{ end }}")).isEqualTo("ab");
    assertThat(render("{{ getEnv \"OS\" }} {{ getEnv \"NOPE\" \"dflt\" }} [{{ getEnv \"NOPE\" }}]"))
        .isEqualTo("debian dflt []");
    assertThat(render("{{ regexMatch \"^deb\" .Env.OS }} {{ regexMatch \"^ubu\" .Env.OS }}"))
        .isEqualTo("true false");
    assertThatThrownBy(() -> render("{{ regexMatch \"(\" \"x\" }}"))
        .hasMessageContaining("error calling regexMatch: error parsing regexp");
    assertThat(render("{{ toUpper \"ab\" }} {{ toLower \"CD\" }}")).isEqualTo("AB cd");
    assertThatThrownBy(() -> render("{{ toUpper 5 }}"))
        .hasMessageContaining("wrong type for value; expected string; got int");
  }

  @Test
  void readFile_absoluteFromTheImage_relativeBesideTheSuite() throws Exception {
    Path suite = Files.createDirectories(dir.resolve("suite"));
    Files.writeString(
        suite.resolve("goss.yaml"),
        "x: {{ readFile \"/etc/os-release\" }}\n" + "y: {{ readFile \"local.txt\" }}\n");
    Files.writeString(suite.resolve("local.txt"), "  beside  \n");
    Files.writeString(dir.resolve("secret"), "host file");
    ImageFiles image =
        p -> {
          if (!p.equals("/etc/os-release")) {
            throw new java.nio.file.NoSuchFileException(p);
          }
          return "ID=debian\n";
        };
    GossfileLoader loader = new GossfileLoader(Map.of(), Map.of(), image);
    assertThatThrownBy(() -> loader.load(suite.resolve("goss.yaml")))
        .as("the rendered text is not goss YAML, but rendering itself worked")
        .hasMessageContaining("unknown resource type \"x\"");
    Files.writeString(suite.resolve("bad.yaml"), "{{ readFile \"../secret\" }}\n");
    assertThatThrownBy(() -> loader.load(suite.resolve("bad.yaml")))
        .hasMessageContaining("open ../secret: leaves the suite's directory");
    Files.writeString(
        suite.resolve("ok.yaml"),
        "file:\n  \"{{ readFile \"/etc/os-release\" }}\": {exists: true}\n"
            + "  \"{{ readFile \"local.txt\" }}\": {exists: true}\n");
    assertThat(loader.load(suite.resolve("ok.yaml")))
        .extracting(r -> r.id())
        .containsExactly("ID=debian", "beside");
  }

  @Test
  void sprigStrings() throws Exception {
    assertThat(
            render(
                "{{ trim \"  a \" }}|{{ trimAll \"-\" \"--a--\" }}|{{ trimPrefix \"a\" \"ab\" }}"
                    + "|{{ trimSuffix \"b\" \"ab\" }}|{{ title \"hello world\" }}|{{ repeat 3 \"x\" }}"))
        .isEqualTo("a|a|b|a|Hello World|xxx");
    assertThat(
            render(
                "{{ contains \"eb\" \"debian\" }} {{ hasPrefix \"de\" \"debian\" }}"
                    + " {{ hasSuffix \"an\" \"debian\" }}"))
        .isEqualTo("true true true");
    assertThat(
            render(
                "{{ (split \":\" \"a:b\")._1 }} {{ splitList \",\" \"x,y\" }}"
                    + " {{ join \"-\" (list 1 2) }}"))
        .isEqualTo("b [x y] 1-2");
    assertThat(render("{{ quote \"a\" 1 }} {{ squote \"b\" }} {{ cat \"a\" nil 2 }}"))
        .isEqualTo("\"a\" \"1\" 'b' a 2");
    assertThat(render("{{ substr 1 3 \"abcd\" }} {{ trunc 2 \"abcd\" }} {{ nospace \"a b\" }}"))
        .isEqualTo("bc ab ab");
    assertThat(render("{{ indent 2 \"a\\nb\" }}")).isEqualTo("  a\n  b");
    assertThat(
            render(
                "{{ regexFind \"[0-9]+\" \"ab12cd34\" }} {{ regexFindAll \"[0-9]\" \"a1b2\" -1 }}"
                    + " {{ regexReplaceAll \"(?P<x>a)(b)\" \"abab\" \"${2}$x\" }}"))
        .isEqualTo("12 [1 2] baba");
  }

  @Test
  void sprigListsDictsDefaultsMathTypes() throws Exception {
    assertThat(
            render(
                "{{ first .Vars.pkgs }} {{ last .Vars.pkgs }} {{ rest (list 1 2 3) }}"
                    + " {{ has \"vim\" .Vars.pkgs }} {{ uniq (list 1 1 2) }} {{ without (list 1 2) 1 }}"))
        .isEqualTo("curl vim [2 3] true [1 2] [2]");
    assertThat(
            render(
                "{{ $d := dict \"a\" 1 \"b\" 2 }}{{ get $d \"a\" }} {{ hasKey $d \"c\" }}"
                    + " {{ keys $d }} {{ pick $d \"b\" }}"))
        .isEqualTo("1 false [a b] map[b:2]");
    assertThat(
            render(
                "{{ index .Vars \"missing\" | default \"x\" }}|{{ \"\" | default \"y\" }}"
                    + "|{{ empty .Vars.empty }}|{{ coalesce \"\" 0 \"z\" }}|{{ ternary \"a\" \"b\" false }}"))
        .isEqualTo("x|y|true|z|b");
    assertThat(
            render(
                "{{ add 1 2 3 }} {{ sub 5 2 }} {{ mul 2 3 }} {{ div 7 2 }} {{ mod 7 2 }}"
                    + " {{ max 1 5 3 }} {{ add1 \"4\" }} {{ int \"12\" }} {{ until 3 }} {{ seq 3 }}"))
        .isEqualTo("6 3 6 3 1 5 5 12 [0 1 2] 1 2 3");
    assertThat(
            render(
                "{{ kindOf .Vars.pkgs }} {{ typeOf 1 }} {{ kindIs \"map\" .Vars.ports }}"
                    + " {{ toString 5 }} {{ b64enc \"hi\" }} {{ b64dec \"aGk=\" }} {{ toJson .Vars.ports }}"))
        .isEqualTo("slice int true 5 aGk= hi {\"bgp\":179,\"ssh\":22}");
    assertThat(render("{{ env \"OS\" }} {{ expandenv \"$ROLE/${OS}\" }}"))
        .isEqualTo("debian machine/debian");
    assertThatThrownBy(() -> render("{{ fail \"stop here\" }}"))
        .hasMessageContaining("error calling fail: stop here");
  }

  @Test
  void missingVarsKey_withDefault_isStillAnError_asMissingkeyError() {
    Map<String, Object> vars = new LinkedHashMap<>();
    assertThatThrownBy(
            () -> GoTemplateSyntaxTest.render("{{ .Vars.x | default 1 }}", vars, Map.of()))
        .hasMessageContaining("map has no entry for key \"x\"");
  }

  @Test
  void sprigList_keepsTypes() throws Exception {
    assertThat(render("{{ list 1 \"a\" true }}")).isEqualTo("[1 a true]");
  }
}
