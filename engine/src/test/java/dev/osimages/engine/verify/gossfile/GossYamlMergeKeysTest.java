package dev.osimages.engine.verify.gossfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osimages.engine.verify.resource.ResourceDecl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** YAML merge keys ({@code <<}) in goss files, resolved as yaml.v3 resolves them. */
class GossYamlMergeKeysTest {
  @TempDir Path dir;

  private List<ResourceDecl> load(String text) throws Exception {
    Path f = dir.resolve("goss.yaml");
    Files.writeString(f, text);
    return new GossfileLoader(Map.of(), Map.of()).load(f);
  }

  @Test
  void mergeKey_copiesAttributes_ownKeysWin() throws Exception {
    List<ResourceDecl> r =
        load(
            """
            file:
              /etc/a: &plain
                exists: true
                mode: "0644"
                owner: root
              /etc/b:
                <<: *plain
                mode: "0600"
            """);
    ResourceDecl b = r.get(1);
    assertThat(b.id()).isEqualTo("/etc/b");
    assertThat(b.attrs())
        .containsEntry("exists", true)
        .containsEntry("owner", "root")
        .containsEntry("mode", "0600")
        .doesNotContainKey("<<");
  }

  @Test
  void mergeOfSeveralMappings_earlierWins() throws Exception {
    List<ResourceDecl> r =
        load(
            """
            x-defs:
            service:
              ssh:
                <<: [{enabled: true, running: true}, {enabled: false, skip: false}]
            """
                .replace("x-defs:\n", ""));
    assertThat(r.get(0).attrs())
        .containsEntry("enabled", true)
        .containsEntry("running", true)
        .containsEntry("skip", false);
  }

  @Test
  void mergeKey_atTheResourceLevel_addsResources() throws Exception {
    List<ResourceDecl> r =
        load(
            """
            package:
              <<: {curl: {installed: true}, jq: {installed: true}}
              vim: {installed: true}
            """);
    assertThat(r).extracting(ResourceDecl::id).containsExactly("curl", "jq", "vim");
  }

  @Test
  void mergeOfAScalar_isAnError() {
    assertThatThrownBy(() -> load("file:\n  /a:\n    <<: 3\n    exists: true\n"))
        .isInstanceOf(GossLoadException.class)
        .hasMessageContaining("goss.yaml:3: YAML: map merge requires map or sequence of maps");
  }
}
