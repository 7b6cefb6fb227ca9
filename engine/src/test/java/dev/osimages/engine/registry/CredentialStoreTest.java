package dev.osimages.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialStoreTest {
  @TempDir Path dir;

  private static String auth(String user, String pass) {
    return Base64.getEncoder().encodeToString((user + ":" + pass).getBytes(StandardCharsets.UTF_8));
  }

  private CredentialStore store(Map<String, String> env) {
    return new CredentialStore(new RegistryEnvironment(Optional.empty(), env, List.of()));
  }

  @Test
  void podmansAuthFile_comesBeforeDockersConfig() throws Exception {
    Path runtime = Files.createDirectories(dir.resolve("run/containers"));
    Files.writeString(
        runtime.resolve("auth.json"),
        "{\"auths\":{\"reg.example\":{\"auth\":\"" + auth("podman", "p1") + "\"}}}");
    Path docker = Files.createDirectories(dir.resolve("home/.docker"));
    Files.writeString(
        docker.resolve("config.json"),
        "{\"auths\":{\"reg.example\":{\"auth\":\""
            + auth("docker", "d1")
            + "\"},"
            + "\"other.example\":{\"auth\":\""
            + auth("docker", "d2")
            + "\"}}}");
    CredentialStore s =
        store(
            Map.of(
                "XDG_RUNTIME_DIR", dir.resolve("run").toString(),
                "HOME", dir.resolve("home").toString()));
    assertThat(s.find("reg.example", "reg.example/app")).hasValue(new Credential("podman", "p1"));
    assertThat(s.find("other.example", "other.example/app"))
        .hasValue(new Credential("docker", "d2"));
    assertThat(s.find("none.example", "none.example/app")).isEmpty();
  }

  @Test
  void registryAuthFile_isTheOnlyFileRead() throws Exception {
    Path file = dir.resolve("auth.json");
    Files.writeString(file, "{\"auths\":{}}");
    Path docker = Files.createDirectories(dir.resolve("home/.docker"));
    Files.writeString(
        docker.resolve("config.json"),
        "{\"auths\":{\"reg.example\":{\"auth\":\"" + auth("docker", "d1") + "\"}}}");
    CredentialStore s =
        store(
            Map.of("REGISTRY_AUTH_FILE", file.toString(), "HOME", dir.resolve("home").toString()));
    assertThat(s.find("reg.example", "reg.example/app")).isEmpty();
  }

  @Test
  void dockerHub_isFoundUnderTheLegacyIndexUrl_andUrlKeysMatchTheirHost() throws Exception {
    Path docker = Files.createDirectories(dir.resolve(".docker"));
    Files.writeString(
        docker.resolve("config.json"),
        "{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\""
            + auth("hub", "h")
            + "\"},"
            + "\"https://reg.example\":{\"username\":\"u\",\"password\":\"p\"}}}");
    CredentialStore s = store(Map.of("DOCKER_CONFIG", docker.toString()));
    assertThat(s.find("docker.io", "docker.io/library/debian"))
        .hasValue(new Credential("hub", "h"));
    assertThat(s.find("reg.example", "reg.example/x")).hasValue(new Credential("u", "p"));
  }

  @Test
  void credential_neverShowsItsSecret() {
    assertThat(new Credential("u", "s3cret").toString()).doesNotContain("s3cret");
  }
}
