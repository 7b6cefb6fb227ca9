package dev.osimages.engine.builder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Docker's .dockerignore rules, case by case (the conformance suite checks them against BuildKit).
 */
class DockerIgnoreTest {
  private static DockerIgnore of(String text) {
    return DockerIgnore.parse(".dockerignore", text);
  }

  @Test
  void starStaysInOneComponent_doubleStarSpansMany() {
    DockerIgnore i = of("*.log\n**/*.tmp\na/**/z\n");
    assertThat(i.matches("x.log")).isTrue();
    assertThat(i.matches("d/x.log")).isFalse();
    assertThat(i.matches("x.tmp")).isTrue();
    assertThat(i.matches("d/e/x.tmp")).isTrue();
    assertThat(i.matches("a/z")).isTrue();
    assertThat(i.matches("a/b/c/z")).isTrue();
  }

  @Test
  void aPatternMatchingAParentDirectory_matchesEverythingBelow() {
    DockerIgnore i = of("docs\n");
    assertThat(i.matches("docs")).isTrue();
    assertThat(i.matches("docs/a/b.md")).isTrue();
    assertThat(i.matches("docsx")).isFalse();
  }

  @Test
  void leadingSlashAndDotSegments_areCleaned() {
    DockerIgnore i = of("/build/../out\n./tmp/\n");
    assertThat(i.matches("out")).isTrue();
    assertThat(i.matches("tmp")).isTrue();
  }

  @Test
  void commentsOnlyAtTheStartOfALine_andBlankLinesAreSkipped() {
    DockerIgnore i = of("\uFEFF# comment\n\n  #notacomment\n");
    assertThat(i.matches("# comment")).isFalse();
    assertThat(i.matches("#notacomment")).isTrue();
  }

  @Test
  void lastMatchingPatternDecides() {
    DockerIgnore i = of("*.md\n!README.md\nREADME.md\n!docs/*.md\n");
    assertThat(i.matches("a.md")).isTrue();
    assertThat(i.matches("README.md")).isTrue();
  }

  @Test
  void excludedDirectory_isEnteredOnlyForAnExceptionNamingAPathBelowIt() {
    DockerIgnore literal = of("docs\n!docs/keep.md\n");
    assertThat(literal.excludes("docs", true)).isFalse();
    assertThat(literal.excludes("docs/keep.md", false)).isFalse();
    assertThat(literal.excludes("docs/drop.md", false)).isTrue();
    DockerIgnore wildcard = of("docs\n!**/keep.md\n");
    assertThat(wildcard.excludes("docs", true)).isTrue();
    assertThat(wildcard.excludes("docs/keep.md", false)).isTrue();
    assertThat(wildcard.excludes("keep.md", false)).isFalse();
  }

  @Test
  void regexCharactersOtherThanDotAndDollar_keepTheirRegexMeaning() {
    assertThat(of("a+\n").matches("aaa")).isTrue();
    assertThat(of("file.txt\n").matches("fileXtxt")).isFalse();
    assertThat(of("[a-c].txt\n").matches("b.txt")).isTrue();
  }

  @Test
  void loneExclamationMark_isError() {
    assertThatThrownBy(() -> of("ok\n!\n"))
        .hasMessage(".dockerignore:2: illegal exclusion pattern \"!\"");
  }
}
