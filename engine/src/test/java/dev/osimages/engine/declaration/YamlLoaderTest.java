package dev.osimages.engine.declaration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osimages.engine.InvalidDeclarationException;
import dev.osimages.engine.model.Problem;
import dev.osimages.engine.model.SourcePosition;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlLoaderTest {
  private static YamlValue load(String yaml) {
    return YamlLoader.load(yaml, "f.yaml");
  }

  private static Object value(YamlValue root, Object... path) {
    return ((YamlValue.Scalar) NodePath.of(path).find(root)).value();
  }

  private static List<String> problems(String yaml) {
    try {
      load(yaml);
      throw new AssertionError("expected problems");
    } catch (InvalidDeclarationException e) {
      return e.problems().stream().map(Problem::format).toList();
    }
  }

  @Test
  void load_nodes_keepLineAndColumnOfKeysAndValues() {
    YamlValue root = load("a:\n  bb: 1\n  list:\n    - x\n    -   y\n");
    YamlValue.Mapping a = (YamlValue.Mapping) NodePath.of("a").find(root);

    assertThat(a.entry("bb").get().keyPosition()).isEqualTo(new SourcePosition("f.yaml", 2, 3));
    assertThat(a.get("bb").get().position()).isEqualTo(new SourcePosition("f.yaml", 2, 7));
    assertThat(NodePath.of("a", "list", 1).find(root).position())
        .isEqualTo(new SourcePosition("f.yaml", 5, 9));
  }

  @Test
  void load_plainScalars_followYaml12CoreSchemaNotYaml11() {
    YamlValue root =
        load(
            "yes: yes\noff: off\nt: true\noct: 012\nhex: 0x1F\nf: 24.04\nn: ~\nempty:\n"
                + "under: 1_000\nsexa: 1:20\nq: \"12\"\nbig: 123456789012345678901234567890\n");

    assertThat(value(root, "yes")).isEqualTo("yes");
    assertThat(value(root, "off")).isEqualTo("off");
    assertThat(value(root, "t")).isEqualTo(true);
    assertThat(value(root, "oct")).isEqualTo(12L);
    assertThat(value(root, "hex")).isEqualTo(31L);
    assertThat(value(root, "f")).isEqualTo(24.04);
    assertThat(value(root, "n")).isNull();
    assertThat(value(root, "empty")).isNull();
    assertThat(value(root, "under")).isEqualTo("1_000");
    assertThat(value(root, "sexa")).isEqualTo("1:20");
    assertThat(value(root, "q")).isEqualTo("12");
    assertThat(value(root, "big")).isInstanceOf(java.math.BigInteger.class);
  }

  @Test
  void load_numericKeys_keepTheirSourceText() {
    YamlValue.Mapping root = (YamlValue.Mapping) load("24.04: a\n13: b\n26.10: c\n");

    assertThat(root.entries())
        .extracting(YamlValue.Entry::key)
        .containsExactly("24.04", "13", "26.10");
  }

  @Test
  void load_scalar_keepsSourceTextForMessages() {
    YamlValue.Scalar s = (YamlValue.Scalar) NodePath.of("v").find(load("v: 6.10\n"));

    assertThat(s.value()).isEqualTo(6.1);
    assertThat(s.text()).isEqualTo("6.10");
    assertThat(s.describe()).isEqualTo("the number 6.10");
  }

  @Test
  void load_duplicateKeys_namesBothPlaces_evenWhenOneIsQuoted() {
    assertThat(problems("a:\n  \"13\": x\n  13: y\n"))
        .containsExactly("f.yaml:3:3: a: duplicate key '13' (first at 2:3)");
  }

  @Test
  void load_tabs_reportedAtTheTab() {
    assertThat(problems("a:\n \tb: 1\n"))
        .containsExactly("f.yaml:2:2: tab in indentation; YAML indents with spaces only");
  }

  @Test
  void load_tabAfterKey_isRejectedWithAPlainMessage() {
    assertThat(problems("a:\tb\n"))
        .containsExactly("f.yaml:1:3: tab character; YAML separates and indents with spaces only");
  }

  @Test
  void load_aliases_shareTheAnchoredValue() {
    YamlValue root = load("a: &x [1, 2]\nb: *x\n");

    assertThat(((YamlValue.Sequence) NodePath.of("b").find(root)).items()).hasSize(2);
  }

  @Test
  void load_explicitTags_onlyStrIsAccepted() {
    assertThat(value(load("a: !!str 12\n"), "a")).isEqualTo("12");
    assertThat(problems("a: !!int 12\nb: !foo x\n"))
        .containsExactly(
            "f.yaml:1:4: a: tag !!int is not supported",
            "f.yaml:2:4: b: tag !foo is not supported");
  }

  @Test
  void load_tagOnACollection_isRejected() {
    assertThat(problems("a: !!set {x, y}\nb: !!map {k: v}\n"))
        .containsExactly("f.yaml:1:4: a: tag !!set is not supported");
  }

  @Test
  void load_aliasBomb_isStoppedEarly() {
    StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 10; i++) {
      yaml.append("a").append(i).append(": &a").append(i).append(" [");
      yaml.append(("*a" + (i - 1) + ", ").repeat(4)).append("x]\n");
    }

    // Expanded: a0 11 values, a1 46, a2 186, ..., a6 47786; the document has 63715 values by the
    // end of line 7, so the first *a6 on line 8 (column 10) crosses 100000.
    assertThat(problems(yaml.toString()))
        .singleElement()
        .asString()
        .isEqualTo(
            "f.yaml:8:10: the alias *a6 expands the document to more than 100000 values (an alias"
                + " bomb?); write the values out or use fewer aliases");
  }

  @Test
  void load_complexKey_isRejected() {
    assertThat(problems("? [a, b]\n: c\n")).containsExactly("f.yaml:1:3: a key must be plain text");
  }

  @Test
  void load_syntaxError_hasNoStackTraceAndAPosition() {
    assertThatThrownBy(() -> load("a: [1, 2\n"))
        .isInstanceOf(InvalidDeclarationException.class)
        .hasMessageStartingWith("f.yaml:2:1: syntax error: ");
  }

  @Test
  void load_nonPrintableCharacter_namedWithItsPosition() {
    assertThat(problems("a: b\nc: \u0007\n"))
        .containsExactly("f.yaml:2:4: character U+0007 is not allowed in YAML");
  }
}
