package dev.osimages.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShortNamesTest {
  @TempDir Path dir;

  private ShortNames with(String toml) throws Exception {
    Path conf = dir.resolve("registries.conf");
    Files.writeString(conf, toml);
    return new ShortNames(
        RegistriesConfig.load(new RegistryEnvironment(Optional.of(conf), Map.of(), List.of())));
  }

  private static List<String> names(List<ImageRef> refs) {
    return refs.stream().map(ImageRef::toString).toList();
  }

  @Test
  void shortName_withoutSearchRegistries_followsDockersConvention() throws Exception {
    ShortNames s = with("unqualified-search-registries = []\n");
    assertThat(names(s.candidates("almalinux:9"))).containsExactly("docker.io/library/almalinux:9");
    assertThat(names(s.candidates("team/app"))).containsExactly("docker.io/team/app:latest");
  }

  @Test
  void shortName_withAnAlias_takesTheAliasAndKeepsTagAndDigest() throws Exception {
    ShortNames s = with("[aliases]\n\"almalinux\" = \"quay.example/alma/almalinux\"\n");
    assertThat(names(s.candidates("almalinux:9"))).containsExactly("quay.example/alma/almalinux:9");
    String d = "sha256:" + "0".repeat(64);
    assertThat(names(s.candidates("almalinux@" + d)))
        .containsExactly("quay.example/alma/almalinux@" + d);
  }

  @Test
  void shortName_isTriedOnEverySearchRegistryInOrder() throws Exception {
    ShortNames s = with("unqualified-search-registries = [\"reg.one:5000\", \"docker.io\"]\n");
    assertThat(names(s.candidates("app:2")))
        .containsExactly("reg.one:5000/app:2", "docker.io/library/app:2");
  }

  @Test
  void qualifiedName_isUsedAsIs_dockerHubOneComponentNamesGainLibrary() throws Exception {
    ShortNames s = with("unqualified-search-registries = [\"reg.one\"]\n");
    assertThat(names(s.candidates("reg.two/x/y:1"))).containsExactly("reg.two/x/y:1");
    assertThat(names(s.candidates("docker.io/debian:13")))
        .containsExactly("docker.io/library/debian:13");
  }

  @Test
  void insecureAndBlocked_areReadFromRegistryTables() throws Exception {
    Path conf = dir.resolve("registries.conf");
    Files.writeString(
        conf,
        "[[registry]]\nlocation = \"127.0.0.1:5000\"\ninsecure = true\n"
            + "[[registry]]\nlocation = \"blocked.example\"\nblocked = true\n");
    RegistriesConfig c =
        RegistriesConfig.load(new RegistryEnvironment(Optional.of(conf), Map.of(), List.of()));
    assertThat(c.insecure(ImageRef.parse("127.0.0.1:5000/a:1"))).isTrue();
    assertThat(c.insecure(ImageRef.parse("127.0.0.1:5001/a:1"))).isFalse();
    assertThat(c.blocked(ImageRef.parse("blocked.example/a:1"))).isTrue();
  }
}
