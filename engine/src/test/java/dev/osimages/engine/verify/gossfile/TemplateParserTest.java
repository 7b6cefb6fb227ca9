package dev.osimages.engine.verify.gossfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osimages.engine.verify.gossfile.TemplateNode.Call;
import dev.osimages.engine.verify.gossfile.TemplateNode.Field;
import dev.osimages.engine.verify.gossfile.TemplateNode.If;
import dev.osimages.engine.verify.gossfile.TemplateNode.Literal;
import dev.osimages.engine.verify.gossfile.TemplateNode.Output;
import dev.osimages.engine.verify.gossfile.TemplateNode.Range;
import dev.osimages.engine.verify.gossfile.TemplateNode.Text;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateParserTest {
  private static List<TemplateNode> parse(String text) throws TemplateException {
    return new TemplateParser("t.yaml", text).parse();
  }

  @Test
  void output_ofFieldsFromDotAndRoot_andLiterals() throws Exception {
    List<TemplateNode> n = parse("{{ .Vars.a.b }}{{ $.Env.X }}{{ . }}{{ \"s\" }}{{ 7 }}{{ 1.5 }}");
    assertThat(n)
        .filteredOn(Output.class::isInstance)
        .extracting(o -> ((Output) o).expr())
        .containsExactly(
            new Field(false, List.of("Vars", "a", "b"), 1),
            new Field(true, List.of("Env", "X"), 1),
            new Field(false, List.of(), 1),
            new Literal("s", 1),
            new Literal(7L, 1),
            new Literal(1.5, 1));
  }

  @Test
  void functionCalls_nestWithParentheses() throws Exception {
    Output o = (Output) parse("{{ and (eq .A 1 2) (not .B) true }}").get(1);
    assertThat(o.expr())
        .isEqualTo(
            new Call(
                "and",
                List.of(
                    new Call(
                        "eq",
                        List.of(
                            new Field(false, List.of("A"), 1),
                            new Literal(1L, 1),
                            new Literal(2L, 1)),
                        1),
                    new Call("not", List.of(new Field(false, List.of("B"), 1)), 1),
                    new Literal(true, 1)),
                1));
  }

  @Test
  void ifChain_pairsConditionsWithBodies_andKeepsTheElse() throws Exception {
    If i = (If) parse("{{ if .A }}a{{ else if .B }}b{{ else if .C }}c{{ else }}z{{ end }}").get(1);
    assertThat(i.conditions())
        .extracting(c -> ((Field) c).names().get(0))
        .containsExactly("A", "B", "C");
    assertThat(i.bodies())
        .containsExactly(List.of(new Text("a")), List.of(new Text("b")), List.of(new Text("c")));
    assertThat(i.orElse()).containsExactly(new Text("z"));
  }

  @Test
  void range_hasABodyAndAnElse_andNests() throws Exception {
    Range r = (Range) parse("{{ range .L }}{{ if . }}x{{ end }}{{ else }}none{{ end }}").get(1);
    assertThat(r.over()).isEqualTo(new Field(false, List.of("L"), 1));
    assertThat(r.body()).hasSize(3).element(1).isInstanceOf(If.class);
    assertThat(r.orElse()).containsExactly(new Text("none"));
  }

  @Test
  void expressions_keepTheLineOfTheirFirstToken() throws Exception {
    Output o = (Output) parse("\n{{\n\n .A }}").get(1);
    assertThat(o.line()).isEqualTo(4);
  }

  @Test
  void unbalancedBlocks_nameWhereGoDoes() {
    assertThatThrownBy(() -> parse("{{ if .A }}\nx\n"))
        .hasMessage("t.yaml:3: unexpected EOF: the {{if}} at line 1 has no {{end}}");
    assertThatThrownBy(() -> parse("\n{{ range .A }}{{ else }}"))
        .hasMessage("t.yaml:2: unexpected EOF: the {{range}} at line 2 has no {{end}}");
    assertThatThrownBy(() -> parse("a\n{{ end }}")).hasMessage("t.yaml:2: unexpected {{end}}");
    assertThatThrownBy(() -> parse("{{ else }}")).hasMessage("t.yaml:1: unexpected {{else}}");
  }

  @Test
  void syntaxOutsideTheSubset_isNamedAtItsLine() {
    assertThatThrownBy(() -> parse("{{ range $i, $e := .L }}{{ end }}"))
        .hasMessage("t.yaml:1: unsupported template syntax: range with variables");
    assertThatThrownBy(() -> parse("\n{{ printf \"%s\" .A }}"))
        .hasMessage(
            "t.yaml:2: function \"printf\" not supported (goss template subset: eq ne and or not)");
    assertThatThrownBy(() -> parse("{{ if .A }}{{ else with .B }}{{ end }}"))
        .hasMessage("t.yaml:1: unsupported template syntax: {{else with}}");
    assertThatThrownBy(() -> parse("{{ .A .B }}"))
        .hasMessage("t.yaml:1: unsupported template syntax near \".B\"");
    assertThatThrownBy(() -> parse("{{ .a-b }}")).hasMessage("t.yaml:1: bad field .a-b");
    assertThatThrownBy(() -> parse("{{ not (eq 1 1 }}"))
        .hasMessage("t.yaml:1: unclosed left paren");
    assertThatThrownBy(() -> parse("{{ 09 }}")).hasMessage("t.yaml:1: bad number syntax: \"09\"");
    assertThatThrownBy(() -> parse("{{ }}")).hasMessage("t.yaml:1: missing value for command");
  }
}
