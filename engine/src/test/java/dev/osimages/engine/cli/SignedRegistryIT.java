package dev.osimages.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osimages.engine.registry.LoopbackRegistry;
import dev.osimages.engine.registry.TestImages;
import dev.osimages.engine.registry.TestPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
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
 * Signatures and attestations in a registry, checked by the real cosign (Debian 13's, offline:
 * {@code --insecure-ignore-tlog}, no Rekor or Fulcio): {@code engine run --push --signing-key}
 * builds the small AlmaLinux-shaped cell of {@link RegistryRunIT} on a base pulled from Debian's
 * docker-registry on loopback (TLS, htpasswd) and pushes it signed; cosign must accept the
 * signature and both attestations (SLSA provenance v1, CycloneDX), and refuse a wrong key and an
 * image whose signature and attestations were copied from another.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SignedRegistryIT {
  private static final String USER = "signer";
  private static final String PASSWORD = "sign-s3cret";

  @TempDir static Path work;
  static LoopbackRegistry registry;
  static Path decl;
  static Path dockerConfig;
  static String digest;

  @BeforeAll
  static void start() throws Exception {
    TestPki pki = TestPki.create(work.resolve("pki"));
    registry = LoopbackRegistry.basic(work.resolve("registry"), pki, USER, PASSWORD);
    Path layout = TestImages.almaLayout(work.resolve("alma"));
    TestImages.push(registry, USER + ":" + PASSWORD, layout, registry.host() + "/test/alma:9", "");
    decl = work.resolve("decl");
    TestFiles.copyResources("registry-run", decl);
    Path yaml = decl.resolve("images.yaml");
    Files.writeString(yaml, Files.readString(yaml).replace("@REGISTRY@", registry.host()));
    String b64 =
        Base64.getEncoder()
            .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    // docker's config.json: read by the engine (as podman's auth.json) and by cosign.
    dockerConfig = Files.createDirectories(work.resolve("docker"));
    Files.writeString(
        dockerConfig.resolve("config.json"),
        "{\"auths\":{\"" + registry.host() + "\":{\"auth\":\"" + b64 + "\"}}}\n");
    Files.writeString(work.resolve("registries.conf"), "unqualified-search-registries = []\n");
    TestFiles.sh(
        work,
        "openssl ecparam -name prime256v1 -genkey -noout -out key.pem"
            + " && openssl ec -in key.pem -pubout -out pub.pem 2>/dev/null"
            + " && openssl ecparam -name prime256v1 -genkey -noout -out other.pem"
            + " && openssl ec -in other.pem -pubout -out other.pub 2>/dev/null");
  }

  @AfterAll
  static void stop() throws Exception {
    if (registry != null) {
      registry.close();
    }
  }

  private static Cli engine(String... args) throws Exception {
    return engineWith(work.resolve("state"), args);
  }

  /** The engine with its own state directory: another machine, sharing only the registry. */
  private static Cli engineWith(Path state, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(
        List.of(
            "--state-dir",
            state.toString(),
            "--certs-dir",
            registry.certsDir().toString(),
            "--registries-conf",
            work.resolve("registries.conf").toString()));
    return Cli.inNewJvm(
        env -> {
          env.put("HOME", work.toString());
          env.put("REGISTRY_AUTH_FILE", dockerConfig.resolve("config.json").toString());
        },
        work,
        all.toArray(String[]::new));
  }

  /** cosign with the registry's CA and the test user; its exit code and output. */
  private static Cli cosign(String args) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(
                "sh",
                "-c",
                TrixieTools.cosign()
                    + " "
                    + args
                    + " --registry-cacert "
                    + registry.certsDir().resolve(registry.host()).resolve("ca.crt"))
            .directory(work.toFile())
            .redirectErrorStream(true);
    pb.environment().put("DOCKER_CONFIG", dockerConfig.toString());
    Process run = pb.start();
    String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Cli(run.waitFor(), out, "");
  }

  private static String ref() {
    return registry.host() + "/signed/alma:9-stable";
  }

  @Test
  @Order(1)
  void runPushWithAKey_signsAndAttestsTheImage_cosignVerifiesAll() throws Exception {
    Cli r =
        engine(
            "run",
            "--matrix",
            "-f",
            decl.resolve("images.yaml").toString(),
            "--push",
            "--registry",
            registry.host() + "/signed",
            "--signing-key",
            work.resolve("key.pem").toString());

    assertThat(r.code()).as(r.out() + r.err()).isZero();
    Matcher m =
        Pattern.compile("alma/9 +pushed +" + Pattern.quote(ref()) + " (sha256:[0-9a-f]{64}) .*")
            .matcher(r.out());
    assertThat(m.find()).as(r.out()).isTrue();
    assertThat(m.group()).endsWith("signed, attested");
    digest = m.group(1);
    assertThat(r.out() + r.err())
        .doesNotContain(Files.readString(work.resolve("key.pem")).substring(40, 80));

    Cli verify = cosign("verify --key pub.pem --insecure-ignore-tlog=true " + ref());
    assertThat(verify.code()).as(verify.out()).isZero();
    assertThat(verify.out())
        .contains("The cosign claims were validated")
        .contains("\"docker-manifest-digest\":\"" + digest + "\"")
        .contains("\"dev.osimages.cell\":\"alma/9\"");
    // The signed claims name the input hash the set was built from.
    String inputHash =
        new org.json.JSONObject(Files.readString(decl.resolve("out/stable/alma/9/manifest.json")))
            .getString("inputHash");
    assertThat(
            cosign(
                    "verify --key pub.pem --insecure-ignore-tlog=true -a dev.osimages.input-hash="
                        + inputHash
                        + " "
                        + ref())
                .code())
        .isZero();

    Cli slsa =
        cosign(
            "verify-attestation --key pub.pem --type slsaprovenance1 --insecure-ignore-tlog=true "
                + ref());
    assertThat(slsa.code()).as(slsa.out()).isZero();
    String statement = payloadOf(slsa.out(), "https://slsa.dev/provenance/v1");
    // Its subjects: the image by manifest digest, and the set's img.tar.lz4 by sha256.
    assertThat(statement).contains("\"sha256\":\"" + digest.substring(7) + "\"");
    String setSha =
        new org.json.JSONObject(Files.readString(decl.resolve("out/stable/alma/9/manifest.json")))
            .getString("sha256");
    assertThat(statement).contains("\"sha256\":\"" + setSha + "\"").contains(inputHash);

    Cli cdx =
        cosign(
            "verify-attestation --key pub.pem --type cyclonedx --insecure-ignore-tlog=true "
                + ref());
    assertThat(cdx.code()).as(cdx.out()).isZero();
    assertThat(payloadOf(cdx.out(), "https://cyclonedx.org/bom")).contains("hello-image");
  }

  /** The decoded statement of the attestation of {@code type} in cosign's output. */
  private static String payloadOf(String cosignOut, String type) {
    for (String line : cosignOut.split("\n")) {
      if (line.startsWith("{")) {
        String b64 = new org.json.JSONObject(line).optString("payload");
        String s = new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
        if (s.contains("\"predicateType\":\"" + type + "\"")) {
          return s;
        }
      }
    }
    throw new AssertionError("no " + type + " statement in cosign's output:\n" + cosignOut);
  }

  @Test
  @Order(2)
  void secondPush_sendsNothing_signaturesAreDeterministic() throws Exception {
    int before = registry.log().length();
    Cli r =
        engine(
            "push",
            "-f",
            decl.resolve("images.yaml").toString(),
            "--registry",
            registry.host() + "/signed",
            "--signing-key",
            work.resolve("key.pem").toString());

    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).containsPattern("alma/9 +up to date +" + Pattern.quote(ref()));
    assertThat(registry.log().substring(before))
        .doesNotContain("\"PUT ")
        .doesNotContain("\"POST ")
        .doesNotContain("\"PATCH ");
  }

  @Test
  @Order(3)
  void wrongKey_failsCosign() throws Exception {
    Cli verify = cosign("verify --key other.pub --insecure-ignore-tlog=true " + ref());
    assertThat(verify.code()).as(verify.out()).isNotZero();
    Cli att =
        cosign(
            "verify-attestation --key other.pub --type slsaprovenance1"
                + " --insecure-ignore-tlog=true "
                + ref());
    assertThat(att.code()).as(att.out()).isNotZero();
  }

  @Test
  @Order(4)
  void fetch_onAnotherMachine_rebuildsTheSetByteForByte_onlyWithTheSignersKey() throws Exception {
    Path b = work.resolve("machine-b");
    TestFiles.copyResources("registry-run", b);
    Path yaml = b.resolve("images.yaml");
    Files.writeString(yaml, Files.readString(yaml).replace("@REGISTRY@", registry.host()));
    Path stateB = work.resolve("state-b");
    Path set = b.resolve("out/stable/alma/9");
    String prefix = registry.host() + "/signed";

    Cli wrong =
        engineWith(
            stateB,
            "fetch",
            "-f",
            yaml.toString(),
            "--registry",
            prefix,
            "--key",
            work.resolve("other.pub").toString());
    assertThat(wrong.code()).as(wrong.out() + wrong.err()).isEqualTo(1);
    assertThat(wrong.out())
        .containsPattern(
            "alma/9 +FAILED +alma/9: fetch: .*@" + digest + " has no signature by key");
    assertThat(set).doesNotExist();

    Cli r =
        engineWith(
            stateB,
            "fetch",
            "-f",
            yaml.toString(),
            "--registry",
            prefix,
            "--key",
            work.resolve("pub.pem").toString());
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out())
        .containsPattern(
            "alma/9 +fetched +" + Pattern.quote(ref()) + " " + digest + " .*signatures OK");
    // Byte for byte what machine A published: every file, the md5 line included.
    TestFiles.sh(work, "diff -r " + decl.resolve("out/stable/alma/9") + " " + set);
    Cli checksum = Cli.run("checksum", set.toString());
    assertThat(checksum.code()).as(checksum.out() + checksum.err()).isZero();
    Cli signature =
        Cli.run("verify-signature", set.toString(), "--key", work.resolve("pub.pem").toString());
    assertThat(signature.code()).as(signature.out() + signature.err()).isZero();
  }

  @Test
  @Order(5)
  void fetch_ofASetWhoseRegistryBytesWereChanged_failsAndKeepsThePreviousSet() throws Exception {
    Path b = work.resolve("machine-b");
    Path set = b.resolve("out/stable/alma/9");
    String before = TestFiles.sh(set, "sha256sum *");
    Path stored =
        registry.blobData(
            "sha256:" + dev.osimages.engine.host.Digests.ofFile(set.resolve("packages.txt")));
    byte[] bytes = Files.readAllBytes(stored);
    bytes[0] ^= 0x20;
    Files.write(stored, bytes);

    Cli r =
        engineWith(
            work.resolve("state-b"),
            "fetch",
            "-f",
            b.resolve("images.yaml").toString(),
            "--registry",
            registry.host() + "/signed");

    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out()).containsPattern("alma/9 +FAILED +.*digest");
    assertThat(TestFiles.sh(set, "sha256sum *")).isEqualTo(before);
    assertThat(TestFiles.sh(set.getParent(), "ls -A")).isEqualTo("9\n"); // no staging left
    bytes[0] ^= 0x20;
    Files.write(stored, bytes);
  }

  @Test
  @Order(6)
  void derivedCellOnAnotherMachine_startsFromThePushedBase_signedByTheKey() throws Exception {
    Path b = work.resolve("machine-b");
    Path yaml = b.resolve("images.yaml");
    Files.writeString(
        b.resolve("templates/extra.Dockerfile.mustache"),
        "ARG BASE_IMAGE={{base_image}}\nFROM ${BASE_IMAGE}\nRUN echo extra > /etc/extra\n");
    Files.writeString(
        yaml,
        Files.readString(yaml).replace("images: [\"alma/*\"]", "images: [\"alma/*\", \"extra/*\"]")
            + "variants:\n  extra:\n    version: \"${base.version}\"\n    bases: [alma/9]\n"
            + "    template: templates/extra.Dockerfile.mustache\n");
    String[] run = {
      "run",
      "--matrix",
      "-f",
      yaml.toString(),
      "--only",
      "extra/9",
      "--push",
      "--registry",
      registry.host() + "/signed",
      "--signing-key"
    };
    int before = registry.log().length();
    Cli unsigned = engineWith(work.resolve("state-b"), with(run, "other.pem"));
    assertThat(unsigned.code()).as(unsigned.out() + unsigned.err()).isEqualTo(1);
    assertThat(unsigned.out()).contains("/signed/alma:9-stable@" + digest + " has no signature");

    Cli r = engineWith(work.resolve("state-b"), with(run, "key.pem"));

    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).containsPattern("extra/9 +ok ").containsPattern("extra/9 +pushed ");
    String log = registry.log().substring(before);
    // Machine B never built alma/9: the base of alma/9 was not pulled, A's image was.
    assertThat(log).doesNotContain("/v2/test/alma/").contains("/v2/signed/alma/blobs/sha256:");
    assertThat(b.resolve("out/stable/extra/9/provenance.json"))
        .content()
        .contains(
            "\"uri\": \"docker://" + registry.host() + "/signed/alma:9-stable@" + digest + "\"");
    Cli verify =
        cosign(
            "verify-attestation --key pub.pem --type slsaprovenance1 --insecure-ignore-tlog=true "
                + registry.host()
                + "/signed/extra:9-stable");
    assertThat(verify.code()).as(verify.out()).isZero();
  }

  private static String[] with(String[] args, String key) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 1);
    all[args.length] = work.resolve(key).toString();
    return all;
  }

  @Test
  @Order(7)
  void anotherImageWithCopiedSignatures_failsCosign() throws Exception {
    // Same set, another manifest (zstd layer): a different image, pushed unsigned under the same
    // tag, as someone with push rights but without the key could.
    Path yaml = decl.resolve("images-zstd.yaml");
    Files.writeString(
        yaml,
        Files.readString(decl.resolve("images.yaml"))
            .replace("    level: 1\n", "    level: 1\n  registry:\n    compression: zstd\n"));
    Cli r = engine("push", "-f", yaml.toString(), "--registry", registry.host() + "/signed");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    Matcher m = Pattern.compile("(sha256:[0-9a-f]{64})").matcher(r.out());
    assertThat(m.find()).isTrue();
    String other = m.group(1);
    assertThat(other).isNotEqualTo(digest);
    assertThat(r.out()).doesNotContain("signed, attested");
    // The tag now names the unsigned image: cosign refuses it by tag as by digest.
    Cli moved = cosign("verify --key pub.pem --insecure-ignore-tlog=true " + ref());
    assertThat(moved.code()).as(moved.out()).isNotZero();
    String repo = registry.host() + "/signed/alma";
    Cli unsigned = cosign("verify --key pub.pem --insecure-ignore-tlog=true " + repo + "@" + other);
    assertThat(unsigned.code()).as(unsigned.out()).isNotZero();
    assertThat(unsigned.out()).contains("no signatures found");
    // An attacker copies the good image's signature and attestations to the other image.
    String ca = registry.certsDir().resolve(registry.host()).toString();
    String creds = USER + ":" + PASSWORD;
    for (String kind : List.of("sig", "att")) {
      TestPki.sh(
          work,
          "skopeo copy -q --src-cert-dir "
              + ca
              + " --src-creds "
              + creds
              + " --dest-cert-dir "
              + ca
              + " --dest-creds "
              + creds
              + " docker://"
              + repo
              + ":"
              + digest.replace(':', '-')
              + "."
              + kind
              + " docker://"
              + repo
              + ":"
              + other.replace(':', '-')
              + "."
              + kind);
    }
    Cli copied = cosign("verify --key pub.pem --insecure-ignore-tlog=true " + repo + "@" + other);
    assertThat(copied.code()).as(copied.out()).isNotZero();
    assertThat(copied.out()).contains("invalid or missing digest in claim");
    Cli att =
        cosign(
            "verify-attestation --key pub.pem --type slsaprovenance1 --insecure-ignore-tlog=true "
                + repo
                + "@"
                + other);
    assertThat(att.code()).as(att.out()).isNotZero();
    assertThat(att.out()).contains("no matching subject digest found");
  }
}
