package dev.osimages.engine.verify.matcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One case per goss matcher rule, including the surprising ones. */
class MatcherSemanticsTest {
  static Stream<Arguments> cases() {
    return Stream.of(
        // plain values
        c("string compares the string form", "0644", "0644", true),
        c("string vs number uses to-string", "0", 0L, true),
        c("string vs bool uses to-string", "true", true, true),
        c("number compares numerically", 0L, 0L, true),
        c("number parses a string actual", 42L, " 42\n", true),
        c("number mismatch", 1L, 0L, false),
        c("bool is strict", true, true, true),
        c("bool does not accept the string true", true, "true", false),
        c("list means contain-elements", List.of("a", "b"), List.of("b", "c", "a"), true),
        c("list needs every element", List.of("a", "z"), List.of("a", "b"), false),
        c("list pairs distinct elements", List.of("a", "a"), List.of("a"), false),
        // named matchers
        c("equal is strict on type", Map.of("equal", "1"), 1L, false),
        c("equal on lists", Map.of("equal", List.of("a")), List.of("a"), true),
        c("have-prefix", Map.of("have-prefix", "25"), "257.9-1", true),
        c("have-suffix", Map.of("have-suffix", "-1"), "257.9-1", true),
        c("contain-substring", Map.of("contain-substring", "7.9"), "257.9-1", true),
        c("match-regexp is unanchored", Map.of("match-regexp", "\\d+\\.\\d"), "v257.9", true),
        c("match-regexp mismatch", Map.of("match-regexp", "^x"), "abc", false),
        c("have-len of string counts bytes", Map.of("have-len", 3L), "abc", true),
        c("have-len of list", Map.of("have-len", 2L), List.of("a", "b"), true),
        c("contain-element on a list", Map.of("contain-element", "b"), List.of("a", "b"), true),
        c(
            "contain-element splits a string into lines",
            Map.of("contain-element", "b"),
            "a\nb",
            true),
        c(
            "contain-element with a matcher",
            Map.of("contain-element", Map.of("have-prefix", "b")),
            List.of("a", "bc"),
            true),
        c(
            "contain-elements",
            Map.of("contain-elements", List.of("a", "b")),
            List.of("a", "b", "c"),
            true),
        c(
            "consist-of needs exactly these",
            Map.of("consist-of", List.of("a", "b")),
            List.of("b", "a"),
            true),
        c(
            "consist-of fails on extras",
            Map.of("consist-of", List.of("a")),
            List.of("a", "b"),
            false),
        c("not inverts", Map.of("not", "x"), "y", true),
        c("not of a match fails", Map.of("not", Map.of("contain-substring", "y")), "yes", false),
        c(
            "and needs all",
            Map.of("and", List.of(Map.of("have-prefix", "a"), Map.of("have-suffix", "c"))),
            "abc",
            true),
        c(
            "and fails on one",
            Map.of("and", List.of(Map.of("have-prefix", "a"), Map.of("have-suffix", "x"))),
            "abc",
            false),
        c("or needs one", Map.of("or", List.of("x", "abc")), "abc", true),
        c("gt on a string actual", Map.of("gt", 1L), "2", true),
        c("ge", Map.of("ge", 2L), 2L, true),
        c("lt", Map.of("lt", 2L), 3L, false),
        c("le", Map.of("le", 2.5), 2L, true),
        c("semver-constraint range", Map.of("semver-constraint", ">=1.2.0 <2.0.0"), "1.10.3", true),
        c("semver-constraint outside", Map.of("semver-constraint", ">1.2.0"), "1.2.0", false),
        c(
            "semver-constraint every version",
            Map.of("semver-constraint", "<2.0.0"),
            List.of("1.0.0", "2.1.0"),
            false),
        c("semver-constraint wildcard", Map.of("semver-constraint", "1.2.x"), "1.2.9", true),
        c(
            "semver pre-release sorts before release",
            Map.of("semver-constraint", "<1.0.0"),
            "1.0.0-rc.1",
            true));
  }

  private static Arguments c(String name, Object expected, Object actual, boolean pass) {
    return Arguments.of(name, expected, actual, pass);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matcher_followsGossRule(String name, Object expected, Object actual, boolean pass)
      throws MatchException {
    assertThat(MatcherParser.parse(expected).match(actual).success()).as(name).isEqualTo(pass);
  }

  static Stream<Arguments> patterns() {
    return Stream.of(
        p("empty pattern always passes, even on empty output", List.of(""), "", true),
        p("empty pattern passes on any output", List.of(""), "whatever\n", true),
        p("a plain pattern is a substring of a line", List.of("2"), "1\n42\n", true),
        p("plain patterns are not regexes", List.of("a.c"), "abc", false),
        p("a regex must be slash-delimited", List.of("/^a.c$/"), "abc\n", true),
        p("!/re/ is an inverted regex", List.of("!/^x/"), "abc\n", true),
        p("an inverted pattern seen fails", List.of("!null"), "null\n", false),
        p("an inverted pattern never seen passes", List.of("!null"), "ok\n", true),
        p(
            "leading slash without closing slash is trimmed, not a regex",
            List.of("/usr/bin"),
            "x /usr/bin y",
            true),
        p("a leading backslash is trimmed", List.of("\\!bang"), "a !bang", true),
        p("leading bangs and slashes are all trimmed", List.of("!/etc"), "/etc\n", false),
        p("every pattern must be found", List.of("a", "b"), "a\n", false),
        p("patterns match line by line", List.of("/a.b/"), "a\nb\n", false),
        p("a trailing carriage return is dropped", List.of("/x$/"), "x\r\n", true));
  }

  private static Arguments p(String name, List<String> patterns, String text, boolean pass) {
    return Arguments.of(name, patterns, text, pass);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("patterns")
  void havePatterns_followsGossRule(String name, List<String> pats, String text, boolean pass)
      throws MatchException {
    assertThat(MatcherParser.patterns(pats).match(text).success()).as(name).isEqualTo(pass);
    assertThat(MatcherParser.parse(Map.of("have-patterns", pats)).match(text).success())
        .as("explicit have-patterns: " + name)
        .isEqualTo(pass);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void badExpectation_isAnError(String name, Object expected, Object actual) {
    assertThatThrownBy(() -> MatcherParser.parse(expected).match(actual))
        .as(name)
        .isInstanceOf(MatchException.class);
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of("two matchers at one level", Map.of("equal", 1L, "gt", 0L), 1L),
        Arguments.of("unknown matcher", Map.of("be-nice", 1L), 1L),
        Arguments.of("have-prefix needs a string", Map.of("have-prefix", 1L), "1"),
        Arguments.of("number vs non-numeric string", 1L, "abc"),
        Arguments.of("missing value", null, "x"),
        Arguments.of("have-len of a bool", Map.of("have-len", 1L), true),
        Arguments.of("contain-elements of a bool", List.of("a"), true));
  }

  @org.junit.jupiter.api.Test
  void failure_reportsTransformedActualAndChain() throws MatchException {
    Match m = MatcherParser.parse("1").match(2L);
    assertThat(m.failure().actual()).isEqualTo("2");
    assertThat(m.failure().message()).isEqualTo("to equal");
    assertThat(m.failure().transformChain()).containsExactly("to-string");
  }

  @org.junit.jupiter.api.Test
  void containElements_reportsMissing() throws MatchException {
    Match m = MatcherParser.parse(List.of("a", "z")).match(List.of("a"));
    assertThat(m.failure().missingElements()).isEqualTo(List.of("z"));
    assertThat(m.failure().foundElements()).isEqualTo(List.of("a"));
  }
}
