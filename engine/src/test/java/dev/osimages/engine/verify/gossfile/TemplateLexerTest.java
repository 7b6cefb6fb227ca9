package dev.osimages.engine.verify.gossfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osimages.engine.verify.gossfile.TemplateLexer.Action;
import dev.osimages.engine.verify.gossfile.TemplateLexer.Token;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateLexerTest {
  private static List<Object> lex(String text) throws TemplateException {
    return new TemplateLexer("t.yaml", text).items();
  }

  private static List<String> texts(Action a) {
    return a.tokens().stream().map(Token::text).toList();
  }

  @Test
  void textAndActions_alternate_startingAndEndingWithText() throws Exception {
    List<Object> items = lex("a{{ .X }}b{{ .Y }}");
    assertThat(items).hasSize(5);
    assertThat(items.get(0)).isEqualTo("a");
    assertThat(texts((Action) items.get(1))).containsExactly(".X");
    assertThat(items.get(2)).isEqualTo("b");
    assertThat(items.get(4)).isEqualTo("");
  }

  @Test
  void tokens_splitOnSpacesAndParens_keepQuotedStringsWhole() throws Exception {
    Action a = (Action) lex("{{ eq (not .A) \"x y\" `r a w` -1 }}").get(1);
    assertThat(texts(a)).containsExactly("eq", "(", "not", ".A", ")", "\"x y\"", "`r a w`", "-1");
  }

  @Test
  void trimMarkers_removeAllWhitespaceOnTheirSide_andNeedASpace() throws Exception {
    assertThat(lex("a \n\t{{- .X -}} \n b")).containsExactly("a", action(".X"), "b");
    // "{{-3}}" is the number -3, not a trim marker
    Action n = (Action) lex("a {{-3}} b").get(1);
    assertThat(texts(n)).containsExactly("-3");
    assertThat(lex("a {{-3}} b").get(0)).isEqualTo("a ");
  }

  @Test
  void comments_areActionsWithoutTokens_andMayTrim() throws Exception {
    List<Object> items = lex("a {{- /* one\ntwo */ -}} b");
    assertThat(items.get(0)).isEqualTo("a");
    assertThat(((Action) items.get(1)).tokens()).isEmpty();
    assertThat(items.get(2)).isEqualTo("b");
  }

  @Test
  void closingBracesInsideAString_doNotCloseTheAction() throws Exception {
    Action a = (Action) lex("{{ \"}}\" }}tail").get(1);
    assertThat(texts(a)).containsExactly("\"}}\"");
    assertThat(lex("{{ \"}}\" }}tail").get(2)).isEqualTo("tail");
  }

  @Test
  void everyToken_knowsItsLine() throws Exception {
    Action a = (Action) lex("x\n{{ if\n  (eq .A\n 1) }}").get(1);
    assertThat(a.line()).isEqualTo(2);
    assertThat(a.tokens()).extracting(Token::line).containsExactly(2, 3, 3, 3, 4, 4);
  }

  @Test
  void unclosedThings_areErrorsWithTheirLine() {
    assertThatThrownBy(() -> lex("a\n{{ .X\n\n"))
        .hasMessage("t.yaml:4: unclosed action started at t.yaml:2");
    assertThatThrownBy(() -> lex("\n{{/* x }}")).hasMessage("t.yaml:2: unclosed comment");
    assertThatThrownBy(() -> lex("{{ \"abc\n }}"))
        .hasMessage("t.yaml:1: unterminated quoted string");
    assertThatThrownBy(() -> lex("{{ `abc }}"))
        .hasMessage("t.yaml:1: unterminated raw quoted string");
  }

  @Test
  void pipelines_areRejectedAtTheirLine() {
    assertThatThrownBy(() -> lex("{{ .A\n | len }}"))
        .hasMessage("t.yaml:2: unsupported template syntax: pipelines (|)");
  }

  @Test
  void unquote_goEscapes_andRawStrings() {
    assertThat(TemplateLexer.unquote("\"a\\tb\\n\\\"c\\\\\"")).isEqualTo("a\tb\n\"c\\");
    assertThat(TemplateLexer.unquote("`a\\tb`")).isEqualTo("a\\tb");
  }

  private static Action action(String token) {
    return new Action(2, List.of(new Token(token, 2)));
  }
}
