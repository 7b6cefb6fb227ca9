package dev.osimages.engine.verify.gossfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osimages.engine.verify.gossfile.TemplateLexer.Action;
import dev.osimages.engine.verify.gossfile.TemplateLexer.Item;
import dev.osimages.engine.verify.gossfile.TemplateLexer.Kind;
import dev.osimages.engine.verify.gossfile.TemplateLexer.Text;
import dev.osimages.engine.verify.gossfile.TemplateLexer.Token;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateLexerTest {
  private static List<Item> lex(String text) throws TemplateException {
    return new TemplateLexer("t.yaml", text).items();
  }

  private static List<String> texts(Item a) {
    return ((Action) a).tokens().stream().map(Token::text).toList();
  }

  @Test
  void textAndActions_alternate_startingAndEndingWithText() throws Exception {
    List<Item> items = lex("a{{ .X }}b{{ .Y }}");
    assertThat(items).hasSize(5);
    assertThat(items.get(0)).isEqualTo(new Text("a"));
    assertThat(texts(items.get(1))).containsExactly(".X");
    assertThat(items.get(2)).isEqualTo(new Text("b"));
    assertThat(items.get(4)).isEqualTo(new Text(""));
  }

  @Test
  void tokens_haveGoKinds_andQuotedStringsStayWhole() throws Exception {
    Action a = (Action) lex("{{ $x := eq (not .A) \"x y\" `r a w` -1 'c' | len }}").get(1);
    assertThat(texts(a))
        .containsExactly(
            "$x", ":=", "eq", "(", "not", ".A", ")", "\"x y\"", "`r a w`", "-1", "'c'", "|", "len");
    assertThat(a.tokens())
        .extracting(Token::kind)
        .containsExactly(
            Kind.VARIABLE,
            Kind.DECLARE,
            Kind.IDENTIFIER,
            Kind.LEFT_PAREN,
            Kind.IDENTIFIER,
            Kind.FIELD,
            Kind.RIGHT_PAREN,
            Kind.STRING,
            Kind.RAW_STRING,
            Kind.NUMBER,
            Kind.CHAR,
            Kind.PIPE,
            Kind.IDENTIFIER);
  }

  @Test
  void fieldChains_areGluedTokens_spacedSaysWhichAreNot() throws Exception {
    Action a = (Action) lex("{{ (index .M \"k\").a .b }}").get(1);
    List<Token> t = a.tokens();
    assertThat(t.get(5).text()).isEqualTo(".a");
    assertThat(t.get(5).spaced()).isFalse();
    assertThat(t.get(6).spaced()).isTrue();
  }

  @Test
  void trimMarkers_removeAllWhitespaceOnTheirSide_andNeedASpace() throws Exception {
    List<Item> items = lex("a \n\t{{- .X -}} \n b");
    assertThat(items.get(0)).isEqualTo(new Text("a"));
    assertThat(items.get(2)).isEqualTo(new Text("b"));
    // "{{-3}}" is the number -3, not a trim marker
    List<Item> n = lex("a {{-3}} b");
    assertThat(texts(n.get(1))).containsExactly("-3");
    assertThat(n.get(0)).isEqualTo(new Text("a "));
  }

  @Test
  void comments_leaveNoAction_andMayTrim() throws Exception {
    List<Item> items = lex("a {{- /* one\ntwo */ -}} b");
    assertThat(items).containsExactly(new Text("a"), new Text("b"));
  }

  @Test
  void closingBracesInsideAString_doNotCloseTheAction() throws Exception {
    List<Item> items = lex("{{ \"}}\" }}tail");
    assertThat(texts(items.get(1))).containsExactly("\"}}\"");
    assertThat(items.get(2)).isEqualTo(new Text("tail"));
  }

  @Test
  void everyToken_knowsItsLine() throws Exception {
    Action a = (Action) lex("x\n{{ if\n  (eq .A\n 1) }}").get(1);
    assertThat(a.line()).isEqualTo(2);
    assertThat(a.tokens()).extracting(Token::line).containsExactly(2, 3, 3, 3, 4, 4);
  }

  @Test
  void unclosedThings_areErrorsWithTheLineGoNames() {
    assertThatThrownBy(() -> lex("a\n{{ .X\n\n"))
        .hasMessage("t.yaml:4: unclosed action started at t.yaml:2");
    assertThatThrownBy(() -> lex("\n{{/* x }}")).hasMessage("t.yaml:2: unclosed comment");
    assertThatThrownBy(() -> lex("{{ \"abc\n }}"))
        .hasMessage("t.yaml:1: unterminated quoted string");
    assertThatThrownBy(() -> lex("{{ `abc }}"))
        .hasMessage("t.yaml:1: unterminated raw quoted string");
    assertThatThrownBy(() -> lex("{{ }}")).hasMessage("t.yaml:1: missing value for command");
  }

  @Test
  void unquote_goEscapes_andRawStrings() {
    assertThat(TemplateOperands.unquote("\"a\\tb\\n\\\"c\\\\\"")).isEqualTo("a\tb\n\"c\\");
    assertThat(TemplateOperands.unquote("`a\\tb`")).isEqualTo("a\\tb");
    assertThat(TemplateOperands.unquote("\"\\x41\\u00e9\\101\"")).isEqualTo("AéA");
  }
}
