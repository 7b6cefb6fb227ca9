package dev.osimages.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osimages.engine.ExitCode;
import dev.osimages.engine.registry.DyingProxy;
import dev.osimages.engine.registry.LoopbackRegistry;
import dev.osimages.engine.registry.TestImages;
import dev.osimages.engine.registry.TestPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * An AlmaLinux-shaped cell through {@code engine run --push} with the chroot backend, against
 * Debian's docker-registry over TLS with htpasswd on loopback: the base (busybox, an os-release, an
 * rpm database made with the host's rpm) is pushed by skopeo from an umoci layout; the engine pulls
 * it daemonless, builds, exports (packages.txt from the rpm database), verifies, publishes and
 * pushes. What it pushed is read by skopeo and unpacked by umoci, and must equal the exported tree.
 * A second run pushes nothing; a tampered set is never pushed; a registry that dies mid-push leaves
 * no tag.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegistryRunIT {
  private static final String USER = "pusher";
  private static final String PASSWORD = "push-s3cret";

  @TempDir static Path work;
  static TestPki pki;
  static LoopbackRegistry registry;
  static Path decl;
  static Path auth;
  static String digest;

  @BeforeAll
  static void start() throws Exception {
    pki = TestPki.create(work.resolve("pki"));
    registry = LoopbackRegistry.basic(work.resolve("registry"), pki, USER, PASSWORD);
    Path layout = TestImages.almaLayout(work.resolve("alma"));
    TestImages.push(registry, USER + ":" + PASSWORD, layout, registry.host() + "/test/alma:9", "");
    decl = work.resolve("decl");
    TestFiles.copyResources("registry-run", decl);
    Path yaml = decl.resolve("images.yaml");
    Files.writeString(yaml, Files.readString(yaml).replace("@REGISTRY@", registry.host()));
    auth = work.resolve("auth.json");
    writeAuth(registry.host());
  }

  /** podman's auth.json with the test user for each of {@code hosts}. */
  private static void writeAuth(String... hosts) throws Exception {
    String b64 =
        Base64.getEncoder()
            .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    StringBuilder entries = new StringBuilder();
    for (String h : hosts) {
      entries.append(entries.length() == 0 ? "" : ",");
      entries.append("\"").append(h).append("\":{\"auth\":\"").append(b64).append("\"}");
    }
    Files.writeString(auth, "{\"auths\":{" + entries + "}}\n");
  }

  @AfterAll
  static void stop() throws Exception {
    if (registry != null) {
      registry.close();
    }
  }

  private static Cli engine(String... args) throws Exception {
    String[] all = new String[args.length + 6];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(
        new String[] {
          "--state-dir",
          work.resolve("state").toString(),
          "--certs-dir",
          registry.certsDir().toString(),
          "--registries-conf",
          work.resolve("registries.conf").toString()
        },
        0,
        all,
        args.length,
        6);
    Files.writeString(work.resolve("registries.conf"), "unqualified-search-registries = []\n");
    return Cli.inNewJvm(
        env -> {
          env.put("HOME", work.toString());
          env.put("REGISTRY_AUTH_FILE", auth.toString());
        },
        work,
        all);
  }

  /** Runs skopeo; {@code @TLS@} is the CA and credentials, {@code @SRC@} the same for copy. */
  private static String skopeo(String args) throws Exception {
    Path ca = registry.certsDir().resolve(registry.host());
    String creds = USER + ":" + PASSWORD;
    return TestPki.sh(
        work,
        "skopeo "
            + args.replace("@TLS@", "--cert-dir " + ca + " --creds " + creds)
                .replace("@SRC@", "--src-cert-dir " + ca + " --src-creds " + creds));
  }

  /** {@code engine run --matrix --push} of the declaration to the test registry. */
  private static Cli runPush() throws Exception {
    return engine(
        "run",
        "--matrix",
        "-f",
        decl.resolve("images.yaml").toString(),
        "--push",
        "--registry",
        registry.host() + "/osimages");
  }

  private static String pushedRef() {
    return registry.host() + "/osimages/alma:9-stable";
  }

  @Test
  @Order(1)
  void runPush_buildsTheRpmCellOnThePulledBaseAndPushesIt() throws Exception {
    Cli r = runPush();

    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).containsPattern("alma/9 +ok ");
    Matcher m =
        Pattern.compile(
                "alma/9 +pushed +" + Pattern.quote(pushedRef()) + " (sha256:[0-9a-f]{64}) \\(")
            .matcher(r.out());
    assertThat(m.find()).as(r.out()).isTrue();
    digest = m.group(1);
    Path set = decl.resolve("out/stable/alma/9");
    // packages.txt comes from the image's rpm database, as rpm -qa prints it.
    assertThat(set.resolve("packages.txt")).content().isEqualTo("hello-image-1.0-1.noarch\n");
    assertThat(set.resolve("manifest.json"))
        .content()
        .containsPattern(
            "\"bases\": \\[\\s*\""
                + Pattern.quote(registry.host() + "/test/alma:9@sha256:")
                + "[0-9a-f]{64}\"\\s*\\]");
    // The provenance names the base by the digest the pull pinned.
    assertThat(set.resolve("provenance.json"))
        .content()
        .containsPattern(
            "\"uri\": \"docker://"
                + Pattern.quote(registry.host() + "/test/alma:9@sha256:")
                + "[0-9a-f]{64}\"");
    String inspect = skopeo("inspect @TLS@ docker://" + pushedRef());
    assertThat(inspect)
        .contains("\"Digest\": \"" + digest + "\"")
        .contains("\"org.opencontainers.image.title\": \"alma/9\"")
        .contains("\"dev.osimages.cell\": \"alma/9\"")
        .contains("IMAGE_FLAVOUR=alma-shaped")
        .contains("\"Architecture\": \"amd64\"");
  }

  @Test
  @Order(2)
  void pushedImage_unpackedWithUmoci_equalsTheExportedTree() throws Exception {
    Path oci = work.resolve("copied");
    skopeo("copy -q @SRC@" + " docker://" + pushedRef() + " oci:" + oci + ":alma");
    TestPki.sh(work, "umoci unpack --image " + oci + ":alma " + work.resolve("bundle"));
    Path exported = Files.createDirectories(work.resolve("exported"));
    TestPki.sh(
        work,
        "lz4 -dc "
            + decl.resolve("out/stable/alma/9/img.tar.lz4")
            + " | tar -x --numeric-owner --xattrs --xattrs-include='*' -C "
            + exported);
    assertThat(listing(work.resolve("bundle/rootfs"))).isEqualTo(listing(exported));
  }

  /** Every entry's path, type, mode, owner, size, link target and content digest. */
  private static String listing(Path root) throws Exception {
    return TestPki.sh(
        root,
        "find . -mindepth 1 -printf '%p %y %m %U:%G %s %l\\n' | LC_ALL=C sort"
            + " && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum");
  }

  @Test
  @Order(3)
  void secondRun_pushesNothing() throws Exception {
    int before = registry.log().length();
    Cli r = runPush();

    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out())
        .containsPattern("alma/9 +up to date ")
        .containsPattern("alma/9 +up to date +" + Pattern.quote(pushedRef() + " " + digest));
    assertThat(registry.log().substring(before))
        .doesNotContain("\"PUT ")
        .doesNotContain("\"POST ")
        .doesNotContain("\"PATCH ");
  }

  @Test
  @Order(4)
  void push_withZstd_writesAZstdLayerSkopeoReads() throws Exception {
    Path yaml = decl.resolve("images-zstd.yaml");
    Files.writeString(
        yaml,
        Files.readString(decl.resolve("images.yaml"))
            .replace("    level: 1\n", "    level: 1\n  registry:\n    compression: zstd\n"));
    Cli r = engine("push", "-f", yaml.toString(), "--registry", registry.host() + "/zstd");

    assertThat(r.code()).as(r.out() + r.err()).isZero();
    String ref = registry.host() + "/zstd/alma:9-stable";
    assertThat(skopeo("inspect --raw @TLS@ docker://" + ref)).contains("tar+zstd");
    skopeo("copy -q @SRC@ docker://" + ref + " oci:" + work.resolve("zstd-copy") + ":alma");
  }

  @Test
  @Order(5)
  void push_ofASetThatFailsItsChecksums_sendsNothing() throws Exception {
    Path yaml = decl.resolve("images.yaml");
    Cli built = engine("run", "--matrix", "-f", yaml.toString(), "--channel", "pr:7-tamper");
    assertThat(built.code()).as(built.out() + built.err()).isZero();
    Path tarball = decl.resolve("out/pull_requests/7-tamper/alma/9/img.tar.lz4");
    byte[] b = Files.readAllBytes(tarball);
    b[b.length / 2] ^= 0x40;
    Files.write(tarball, b);
    int before = registry.log().length();

    Cli r =
        engine(
            "push",
            "-f",
            yaml.toString(),
            "--channel",
            "pr:7-tamper",
            "--registry",
            registry.host() + "/osimages");

    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCode.FAILED.code());
    assertThat(r.out())
        .containsPattern(
            "alma/9 +FAILED +alma/9: push: the set in .* fails its checksums; not pushed");
    assertThat(registry.log().substring(before)).doesNotContain("/v2/osimages/");
  }

  @Test
  @Order(6)
  void push_toARegistryThatDiesMidUpload_failsAndLeavesNoTag() throws Exception {
    try (DyingProxy proxy = new DyingProxy(registry.port, 200_000)) {
      Path certs = Files.createDirectories(work.resolve("proxy-certs/127.0.0.1:" + proxy.port()));
      Files.copy(pki.caCert(), certs.resolve("ca.crt"));
      writeAuth(registry.host(), "127.0.0.1:" + proxy.port());
      Cli r =
          Cli.inNewJvm(
              env -> {
                env.put("HOME", work.toString());
                env.put("REGISTRY_AUTH_FILE", auth.toString());
              },
              work,
              "push",
              "-f",
              decl.resolve("images.yaml").toString(),
              "--registry",
              "127.0.0.1:" + proxy.port() + "/dying",
              "--state-dir",
              work.resolve("state").toString(),
              "--certs-dir",
              work.resolve("proxy-certs").toString(),
              "--registries-conf",
              work.resolve("registries.conf").toString());

      assertThat(proxy.dead()).isTrue();
      assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCode.FAILED.code());
      assertThat(r.out())
          .containsPattern(
              "alma/9 +FAILED +127\\.0\\.0\\.1:"
                  + proxy.port()
                  + "/dying/alma:9-stable: registry unreachable: ")
          .doesNotContain("\tat ");
    }
    // The registry itself never got the manifest: no tag names a half-pushed image.
    assertThat(registry.log()).doesNotContain("PUT /v2/dying/alma/manifests/");
  }
}
