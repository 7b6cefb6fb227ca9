package dev.osimages.engine.verify.gossfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osimages.engine.verify.gossfile.TemplateNode.Command;
import dev.osimages.engine.verify.gossfile.TemplateNode.Conditional;
import dev.osimages.engine.verify.gossfile.TemplateNode.Field;
import dev.osimages.engine.verify.gossfile.TemplateNode.Function;
import dev.osimages.engine.verify.gossfile.TemplateNode.Literal;
import dev.osimages.engine.verify.gossfile.TemplateNode.Output;
import dev.osimages.engine.verify.gossfile.TemplateNode.Pipeline;
import dev.osimages.engine.verify.gossfile.TemplateNode.Range;
import dev.osimages.engine.verify.gossfile.TemplateNode.Sub;
import dev.osimages.engine.verify.gossfile.TemplateNode.Text;
import dev.osimages.engine.verify.gossfile.TemplateNode.Variable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateParserTest {
  private static List<TemplateNode> parse(String text) throws TemplateException {
    return new TemplateParser("t.yaml", text, TemplateFunctions.goss(Map.of(), ImageFiles.NONE))
        .parse();
  }

  private static List<TemplateNode.Expr> operands(TemplateNode n) {
    return ((Output) n).pipeline().commands().get(0).operands();
  }

  @Test
  void output_ofFieldsFromDotAndRoot_andLiterals() throws Exception {
    List<TemplateNode> n = parse("{{ .Vars.a.b }}{{ $.Env.X }}{{ . }}{{ \"s\" }}{{ 7 }}{{ 1.5 }}");
    assertThat(n)
        .filteredOn(Output.class::isInstance)
        .extracting(o -> operands(o).get(0))
        .containsExactly(
            new Field(List.of("Vars", "a", "b")),
            new Variable("$", List.of("Env", "X")),
            new Field(List.of()),
            new Literal("s"),
            new Literal(7L),
            new Literal(1.5));
  }

  @Test
  void functionCalls_nestWithParentheses_andPipelinesChainCommands() throws Exception {
    List<TemplateNode.Expr> o = operands(parse("{{ and (eq .A 1) true }}").get(1));
    assertThat(o.get(0)).isEqualTo(new Function("and"));
    Sub eq = (Sub) o.get(1);
    assertThat(eq.pipeline().commands().get(0).operands())
        .containsExactly(new Function("eq"), new Field(List.of("A")), new Literal(1L));
    assertThat(o.get(2)).isEqualTo(new Literal(true));
    Pipeline p = ((Output) parse("{{ .A | printf \"%s\" | len }}").get(1)).pipeline();
    assertThat(p.commands())
        .extracting(c -> c.operands().get(0))
        .containsExactly(new Field(List.of("A")), new Function("printf"), new Function("len"));
  }

  @Test
  void ifChain_nestsElseIf_asGoDoes_andKeepsTheElse() throws Exception {
    Conditional i = (Conditional) parse("{{ if .A }}a{{ else if .B }}b{{ else }}z{{ end }}").get(1);
    assertThat(i.with()).isFalse();
    assertThat(i.body()).containsExactly(new Text("a"));
    Conditional elseIf = (Conditional) i.orElse().get(0);
    assertThat(elseIf.body()).containsExactly(new Text("b"));
    assertThat(elseIf.orElse()).containsExactly(new Text("z"));
  }

  @Test
  void range_withVariables_hasABodyAndAnElse() throws Exception {
    Range r = (Range) parse("{{ range $i, $e := .L }}{{ $e }}{{ else }}none{{ end }}").get(1);
    assertThat(r.pipeline().variables()).containsExactly("$i", "$e");
    assertThat(r.pipeline().commands())
        .containsExactly(new Command(List.of(new Field(List.of("L"))), 1));
    assertThat(r.orElse()).containsExactly(new Text("none"));
  }

  @Test
  void commands_keepTheLineOfTheirFirstToken() throws Exception {
    Pipeline p = ((Output) parse("\n{{\n\n .A }}").get(1)).pipeline();
    assertThat(p.commands().get(0).line()).isEqualTo(4);
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
  void badSyntax_isNamedAtItsLine() {
    assertThatThrownBy(() -> parse("\n{{ $x }}")).hasMessage("t.yaml:2: undefined variable \"$x\"");
    assertThatThrownBy(() -> parse("{{ not (eq 1 1 }}"))
        .hasMessage("t.yaml:1: unclosed left paren");
    assertThatThrownBy(() -> parse("{{ 09 }}")).hasMessage("t.yaml:1: bad number syntax: \"09\"");
    assertThatThrownBy(() -> parse("{{ if }}{{ end }}"))
        .hasMessage("t.yaml:1: missing value for if");
    assertThatThrownBy(() -> parse("{{ define \"x\" }}{{ end }}"))
        .hasMessageStartingWith("t.yaml:1: {{define}} is not supported by this engine");
  }
}
