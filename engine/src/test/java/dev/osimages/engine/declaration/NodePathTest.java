package dev.osimages.engine.declaration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NodePathTest {
  @Test
  void dotted_quotesKeysThatAreNotSimpleNames() {
    assertThat(NodePath.of("distros", "debian", "versions", "13", "args", "CODENAME").dotted())
        .isEqualTo("distros.debian.versions.\"13\".args.CODENAME");
    assertThat(NodePath.of("variants", "debian-nvidia", "bases", 1).dotted())
        .isEqualTo("variants.debian-nvidia.bases[1]");
    assertThat(NodePath.of("tests", 0, "images", 2).dotted()).isEqualTo("tests[0].images[2]");
    assertThat(NodePath.of("a", "x.y", "q\"t").dotted()).isEqualTo("a.\"x.y\".\"q\\\"t\"");
    assertThat(NodePath.ROOT.dotted()).isEmpty();
  }

  @Test
  void fromPointer_usesTheTreeToTellIndexesFromNumericKeys() {
    YamlValue root = YamlLoader.load("v:\n  \"0\": [a, b]\n  a/b: 1\n", "f");

    assertThat(NodePath.fromPointer("#/v/0/1", root).dotted()).isEqualTo("v.\"0\"[1]");
    assertThat(NodePath.fromPointer("#/v/a~1b", root).dotted()).isEqualTo("v.\"a/b\"");
    assertThat(NodePath.fromPointer("#", root)).isEqualTo(NodePath.ROOT);
  }
}
