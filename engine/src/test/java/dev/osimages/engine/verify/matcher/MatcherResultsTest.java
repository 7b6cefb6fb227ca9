package dev.osimages.engine.verify.matcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What each matcher reports besides pass or fail (the fields goss prints), and the rules
 * MatcherSemanticsTest does not reach: pairing of elements, transform chains, and/or/not results,
 * error texts. Expectations follow goss v0.4.7's matchers package.
 */
class MatcherResultsTest {
  private static Match match(Object expected, Object actual) throws MatchException {
    return MatcherParser.parse(expected).match(actual);
  }

  @Test
  void elementMatchers_pairElementsAsAMaximumMatching_notGreedily() throws MatchException {
    // Paired greedily, the prefix matcher takes "ab" and "ab" is left without a partner.
    List<Object> expected = List.of(Map.of("have-prefix", "a"), "ab");
    assertThat(match(expected, List.of("ab", "ac")).success()).isTrue();
    assertThat(match(Map.of("consist-of", expected), List.of("ab", "ac")).success()).isTrue();
    assertThat(match(Map.of("consist-of", expected), List.of("ab", "ab")).success()).isTrue();
    assertThat(match(Map.of("consist-of", expected), List.of("ac", "ad")).success()).isFalse();
  }

  @Test
  void consistOf_reportsMissingFoundAndExtraElements() throws MatchException {
    Match m = match(Map.of("consist-of", List.of("a", "b")), List.of("a", "c", "d"));
    MatcherResult f = m.failure();
    assertThat(f.message()).isEqualTo("to consist of");
    assertThat(f.missingElements()).isEqualTo(List.of("b"));
    assertThat(f.foundElements()).isEqualTo(List.of("a"));
    assertThat(f.extraElements()).isEqualTo(List.of("c", "d"));
    assertThat(f.expected()).isEqualTo(List.of("a", "b"));
  }

  @Test
  void numericExpectation_onAString_reportsTheParsedValueAndTheChain() throws MatchException {
    assertThat(match(1L, "1\n").success()).isTrue();
    MatcherResult f = match(2L, " 1 ").failure();
    assertThat(f.actual()).isEqualTo(1.0);
    assertThat(f.message()).isEqualTo("to be numerically eq");
    assertThat(f.transformChain()).containsExactly("to-numeric");
    assertThat(f.untransformedValue()).isEqualTo(" 1 ");
    assertThat(match(2L, 1L).failure().transformChain()).as("nothing transformed").isEmpty();
  }

  @Test
  void toNumeric_ofSomethingElse_isAnErrorInGossWords() {
    assertThatThrownBy(() -> match(1L, "abc"))
        .hasMessage("matchers.ToNumeric{}: strconv.ParseFloat: parsing \"abc\": invalid syntax");
    assertThatThrownBy(() -> match(Map.of("gt", 1L), true))
        .hasMessage("Expected numeric, Got:bool");
  }

  @Test
  void containElement_onAString_splitsLines_andSaysSoInTheChain() throws MatchException {
    MatcherResult f = match(Map.of("contain-element", "z"), "a\nb").failure();
    assertThat(f.actual()).isEqualTo(List.of("a", "b"));
    assertThat(f.message()).isEqualTo("to contain element matching");
    assertThat(f.transformChain()).containsExactly("to-array");
  }

  @Test
  void not_reportsTheInnerMatchersNegatedResult() throws MatchException {
    MatcherResult f = match(Map.of("not", Map.of("have-prefix", "x")), "xyz").failure();
    assertThat(f.message()).isEqualTo("not to have prefix");
    assertThat(f.expected()).isEqualTo("x");
  }

  @Test
  void and_reportsItsFirstFailingMatcher_or_reportsItself() throws MatchException {
    Map<String, Object> and =
        Map.of("and", List.of(Map.of("have-prefix", "a"), Map.of("have-suffix", "x")));
    assertThat(match(and, "abc").failure().message()).isEqualTo("to have suffix");
    assertThat(match(Map.of("not", and), "abx").failure().message())
        .isEqualTo("not to satisfy all of these matchers");
    Map<String, Object> or = Map.of("or", List.of("x", "y"));
    MatcherResult f = match(or, "z").failure();
    assertThat(f.message()).isEqualTo("to satisfy at least one of these matchers");
    assertThat(f.expected()).isEqualTo(List.of("x", "y"));
    assertThat(match(Map.of("not", or), "y").failure().message()).isEqualTo("not to equal");
  }

  @Test
  void json_isTheExpectationAsGossMarshalsIt() throws MatchException {
    assertThat(MatcherParser.parse(Map.of("and", List.of(Map.of("have-prefix", "a")))).json())
        .as("an and of one matcher is that matcher")
        .isEqualTo(Map.of("have-prefix", "a"));
    assertThat(MatcherParser.parse(Map.of("or", List.of("a"))).json())
        .isEqualTo(Map.of("or", List.of("a")));
    assertThat(MatcherParser.parse(Map.of("not", Map.of("gt", 1L))).json())
        .isEqualTo(Map.of("not", Map.of("gt", 1L)));
    assertThat(MatcherParser.parse(List.of("a", 1L)).json())
        .as("a plain number is BeNumerically eq")
        .isEqualTo(Map.of("contain-elements", List.of("a", Map.of("eq", 1L))));
  }

  @Test
  void haveLen_countsUtf8Bytes_andMapEntries() throws MatchException {
    assertThat(match(Map.of("have-len", 2L), "é").success()).isTrue();
    assertThat(match(Map.of("have-len", 1L), Map.of("k", "v")).success()).isTrue();
    assertThat(match(Map.of("have-len", 1L), "é").failure().message()).isEqualTo("to have length");
  }

  @Test
  void errors_useGossAndGomegaTexts() {
    assertThatThrownBy(() -> match(Map.of("match-regexp", "a("), "a"))
        .hasMessageStartingWith("error parsing regexp: ");
    assertThatThrownBy(() -> new EqualMatcher(null).match(null))
        .hasMessageStartingWith("Refusing to compare <nil> to <nil>.");
    assertThatThrownBy(() -> match(Map.of("contain-element", "a"), 1L))
        .hasMessage("ContainElement matcher expects an array/slice/map.  Got:\n    <int>: 1");
    assertThatThrownBy(() -> match(Map.of("have-len", "3"), "abc"))
        .hasMessage(
            "Syntax Error: Invalid 'have-len' argument. Expected numeric value, but received:"
                + " string: \"3\"");
  }
}
