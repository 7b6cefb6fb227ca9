package dev.osimages.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osimages.engine.ExitCode;
import dev.osimages.engine.NeedsRoot;
import dev.osimages.engine.builder.docker.Dockerd;
import dev.osimages.engine.builder.docker.PrivateRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code engine run --backend docker} on cells whose base is an image in a registry: a private
 * {@code docker-registry} with htpasswd auth on loopback ({@link PrivateRegistry}) and a private
 * dockerd ({@link Dockerd}). The base (busybox and a marker file) is pushed there and removed from
 * the daemon, so the build must pull it with the credentials of {@code $HOME/.docker/config.json}.
 * The engine runs in a JVM of its own with HOME pointing at a test directory, as a user runs it. A
 * wrong password, no credentials and an absent image are one clear message each; a tag that moved
 * is pulled again on a rebuild; with the registry down, the daemon's copy is used with a warning.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegistryPullIT {
  private static final String USER = "builder";
  private static final String PASSWORD = "s3cret-pass";
  private static final String MARKER = "only the registry base has this";
  // Still holds MARKER, which the test suite (goss/reg.yaml) looks for.
  private static final String MOVED = MARKER + ", in the image the tag moved to";

  @TempDir static Path work;
  static PrivateRegistry registry;
  static Dockerd dockerd;
  static String base;

  @BeforeAll
  static void start() throws Exception {
    NeedsRoot.assume("a Docker daemon");
    registry = PrivateRegistry.start(USER, PASSWORD);
    dockerd = Dockerd.start();
    // Docker speaks plain HTTP to these registries unless told otherwise; ours has no TLS.
    assertThat(dockerd.cli("info", "--format", "{{json .RegistryConfig.InsecureRegistryCIDRs}}"))
        .contains("127.0.0.0/8");
    base = registry.host() + "/test/base:1";
    Path decl = work.resolve("decl");
    TestFiles.copyResources("registry", decl);
    Path yaml = decl.resolve("images.yaml");
    Files.writeString(yaml, Files.readString(yaml).replace("@REGISTRY@", registry.host()));
    pushBase(home("good", USER, PASSWORD));
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (dockerd != null) {
        dockerd.close();
      }
    } finally {
      if (registry != null) {
        registry.close();
      }
    }
  }

  /** Imports a tiny rootfs as {@link #base}, pushes it, and removes it from the daemon. */
  private static void pushBase(Path home) throws Exception {
    dockerd.cli("import", baseTar("base-rootfs", MARKER).toString(), base);
    dockerd.cli(Map.of("DOCKER_CONFIG", home.resolve(".docker").toString()), "push", base);
    dockerd.cli("rmi", base);
  }

  /** A tarball of a tiny rootfs: busybox, a marker file, a one-package dpkg status. */
  private static Path baseTar(String name, String marker) throws Exception {
    Path root = work.resolve(name);
    Path busybox = Path.of("/bin/busybox");
    assertThat(busybox).as("busybox-static is installed").exists();
    Files.createDirectories(root.resolve("bin"));
    Files.copy(busybox, root.resolve("bin/busybox"), StandardCopyOption.COPY_ATTRIBUTES);
    for (String applet : new String[] {"sh", "cat"}) {
      Files.createSymbolicLink(root.resolve("bin").resolve(applet), Path.of("busybox"));
    }
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("etc/registry-base"), marker + "\n");
    Files.createDirectories(root.resolve("var/lib/dpkg"));
    Files.writeString(
        root.resolve("var/lib/dpkg/status"),
        "Package: registry-base-marker\nStatus: install ok installed\nArchitecture: all\n"
            + "Version: 1.0\nDescription: a package only the registry base has\n");
    TestFiles.sh(work, "tar --create --file=" + name + ".tar --directory=" + name + " .");
    return work.resolve(name + ".tar");
  }

  /** A home directory whose .docker/config.json has {@code auths} for the registry, if a user. */
  private static Path home(String name, String user, String password) throws Exception {
    Path home = work.resolve("home-" + name);
    Files.createDirectories(home.resolve(".docker"));
    if (user != null) {
      String auth =
          Base64.getEncoder()
              .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
      Files.writeString(
          home.resolve(".docker/config.json"),
          "{\"auths\":{\"" + registry.host() + "\":{\"auth\":\"" + auth + "\"}}}\n");
    }
    return home;
  }

  /** {@code engine run} of cell {@code id} with HOME at {@code home}, the only credentials. */
  private static Cli run(Path home, String id) throws Exception {
    return Cli.inNewJvm(
        env -> {
          env.put("HOME", home.toString());
          env.remove("DOCKER_CONFIG");
          env.put("DOCKER_HOST", dockerd.host());
        },
        work,
        runArgs(id));
  }

  private static String[] runArgs(String id) {
    return new String[] {
      "run",
      "--matrix",
      "--force",
      "-f",
      work.resolve("decl/images.yaml").toString(),
      "--backend",
      "docker",
      "--state-dir",
      work.resolve("state").toString(),
      "--only",
      id
    };
  }

  @Test
  @Order(1)
  void pull_withAuthsCredentialsInHome_buildsOnThePulledBase() throws Exception {
    int logBefore = registry.log().length();
    Cli r = run(home("good", USER, PASSWORD), "reg/1");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out())
        .contains("Downloaded newer image for " + base)
        .containsPattern("reg/1 +ok ");

    // Authorized by the htpasswd user, asked by the daemon on behalf of docker-java (the engine).
    String requests = registry.log().substring(logBefore);
    assertThat(requests)
        .containsPattern("msg=\"authorized request\".* http.request.uri=/v2/test/base/manifests/1 ")
        .containsPattern(
            "\"GET /v2/test/base/blobs/sha256:[0-9a-f]+ HTTP/1.1\" 200 .*Apache-HttpClient");
    assertThat(dockerd.cli("image", "inspect", "--format", "{{json .RepoDigests}}", base))
        .contains(registry.host() + "/test/base@sha256:");

    Path set = work.resolve("decl/out/stable/reg/1");
    assertThat(TestFiles.sh(set, "md5sum -c img.tar.lz4.md5")).contains("OK");
    assertThat(TestFiles.sh(set, "lz4 -dc img.tar.lz4 | tar -xO --wildcards '*etc/seen-by-run'"))
        .isEqualTo(MARKER + "\nadded by COPY\n");
    assertThat(set.resolve("packages.txt")).content().contains("ii  registry-base-marker ");
  }

  @Test
  @Order(2)
  void pull_withAWrongPassword_namesCellReferenceAndTheDaemonsReason() throws Exception {
    forgetBase();
    Cli r = run(home("wrong", USER, "not-" + PASSWORD), "reg/1");
    assertFailsWith(r, "reg/1: pulling " + base + ": unauthorized: authentication required");
    assertThat(dockerd.cli("image", "ls", "--quiet", base)).isBlank();
  }

  @Test
  @Order(3)
  void pull_withoutCredentials_namesCellReferenceAndTheDaemonsReason() throws Exception {
    forgetBase();
    Cli r = run(home("none", null, null), "reg/1");
    assertFailsWith(r, "reg/1: pulling " + base + ": ").contains("no basic auth credentials");
  }

  @Test
  @Order(4)
  void pull_ofAnImageTheRegistryLacks_saysNotFound() throws Exception {
    String absent = registry.host() + "/test/absent:1";
    Cli r = run(home("good", USER, PASSWORD), "reg/2");
    assertFailsWith(r, "reg/2: pulling " + absent + ": ").contains("manifest unknown");
  }

  /**
   * The tag moves upstream while the daemon keeps the old image under it: a forced rebuild pulls
   * and builds on the new one, as {@code docker build --pull} would.
   */
  @Test
  @Order(5)
  void rebuild_ofAMovedTag_buildsOnTheNewImage() throws Exception {
    Path home = home("good", USER, PASSWORD);
    assertThat(run(home, "reg/1").code()).isZero();
    String old = dockerd.cli("image", "inspect", "--format", "{{.Id}}", base).strip();
    dockerd.cli("import", baseTar("moved-rootfs", MOVED).toString(), base);
    dockerd.cli(Map.of("DOCKER_CONFIG", home.resolve(".docker").toString()), "push", base);
    dockerd.cli("tag", old, base);

    Cli r = run(home, "reg/1");

    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("Downloaded newer image for " + base);
    assertThat(dockerd.cli("image", "inspect", "--format", "{{.Id}}", base).strip())
        .isNotEqualTo(old);
    assertThat(seenByRun()).isEqualTo(MOVED + "\nadded by COPY\n");
  }

  /**
   * Credentials from a credential helper that config.json names for the registry (credHelpers), as
   * {@code docker login} leaves them with a keychain or a cloud registry's helper: the engine runs
   * {@code docker-credential-NAME get} with the registry on stdin. The helper here is a script that
   * answers for this registry only and records what it was asked.
   */
  @Test
  @Order(6)
  void pull_withACredentialHelper_asksItForTheRegistry() throws Exception {
    forgetBase();
    Path bin = Files.createDirectories(work.resolve("helper-bin"));
    Path asked = work.resolve("helper-asked");
    Path helper = bin.resolve("docker-credential-osimages-test");
    Files.writeString(
        helper,
        String.join(
            "\n",
            "#!/bin/sh",
            "[ \"$1\" = get ] || exit 1",
            "read -r server",
            "printf '%s\\n' \"$server\" >> '" + asked + "'",
            "if [ \"$server\" = '" + registry.host() + "' ]; then",
            "  printf '{\"ServerURL\":\"%s\",\"Username\":\""
                + USER
                + "\",\"Secret\":\""
                + PASSWORD
                + "\"}\\n' \"$server\"",
            "else",
            "  echo 'credentials not found in native keychain'; exit 1",
            "fi",
            ""));
    helper.toFile().setExecutable(true);
    Path home = home("helper", null, null);
    Files.writeString(
        home.resolve(".docker/config.json"),
        "{\"credHelpers\":{\"" + registry.host() + "\":\"osimages-test\"}}\n");

    Cli r =
        Cli.inNewJvm(
            env -> {
              env.put("HOME", home.toString());
              env.remove("DOCKER_CONFIG");
              env.put("DOCKER_HOST", dockerd.host());
              env.put("PATH", bin + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
            },
            work,
            runArgs("reg/1"));

    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("pulling " + base, "Downloaded newer image for " + base);
    assertThat(asked).content().isEqualTo(registry.host() + "\n");
  }

  /** With the registry gone, a base the daemon has is built on, with a warning saying why. */
  @Test
  @Order(7)
  void rebuild_withTheRegistryDown_usesTheDaemonsCopyAndSaysSo() throws Exception {
    registry.close();

    Cli r = run(home("good", USER, PASSWORD), "reg/1");

    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out())
        .containsPattern(
            "warning: reg/1: pulling " + base + ": .*; building on the daemon's copy sha256:");
    assertThat(seenByRun()).isEqualTo(MOVED + "\nadded by COPY\n");
  }

  private static String seenByRun() throws Exception {
    return TestFiles.sh(
        work.resolve("decl/out/stable/reg/1"),
        "lz4 -dc img.tar.lz4 | tar -xO --wildcards '*etc/seen-by-run'");
  }

  /** Removes the base from the daemon, so the next build must pull it. */
  private static void forgetBase() throws Exception {
    if (!dockerd.cli("image", "ls", "--quiet", base).isBlank()) {
      dockerd.cli("rmi", base);
    }
  }

  private static org.assertj.core.api.AbstractStringAssert<?> assertFailsWith(
      Cli r, String message) {
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCode.FAILED.code());
    assertThat(r.out() + r.err()).doesNotContain("\tat ").doesNotContain("Exception");
    return assertThat(r.out() + r.err()).contains(message);
  }
}
