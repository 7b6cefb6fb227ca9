package dev.osimages.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.osimages.engine.export.SbomAssertions;
import dev.osimages.engine.host.Digests;
import dev.osimages.engine.plan.ContextFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * SBOM, provenance and signatures of sets {@code engine run} publishes, checked against real peers:
 * the CycloneDX library's schema validator, packageurl-java, git, and cosign from Debian 13
 * (offline: {@code --insecure-ignore-tlog}, no transparency log). The small end-to-end declaration
 * (a trixie minbase and an image derived from it) is committed to a git repository first, so the
 * provenance names a commit; every input the provenance names is then resolved.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SupplyChainIT {
  @TempDir static Path work;
  static Path repo;
  static Path state;
  static Path store;
  static Path key;
  static Path pub;

  @BeforeAll
  static void repository() throws Exception {
    repo = work.resolve("repo");
    TestFiles.copyResources("e2e", repo);
    TestFiles.sh(
        repo,
        "git init -q && git add -A && git -c user.name=t -c user.email=t@t commit -qm declaration"
            + " && printf 'out/\\n' > .git/info/exclude");
    state = work.resolve("state");
    store = repo.resolve("out/stable");
    TestFiles.sh(
        work,
        "openssl ecparam -name prime256v1 -genkey -noout -out key.pem"
            + " && openssl ec -in key.pem -pubout -out pub.pem 2>/dev/null"
            + " && openssl ecparam -name prime256v1 -genkey -noout -out other.pem"
            + " && openssl ec -in other.pem -pubout -out other.pub 2>/dev/null");
    key = work.resolve("key.pem");
    pub = work.resolve("pub.pem");
  }

  private static Cli engine(String... args) {
    return Cli.run(args);
  }

  private static Cli run(String... extra) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "run",
                "--matrix",
                "-q",
                "-f",
                repo.resolve("images.yaml").toString(),
                "--state-dir",
                state.toString(),
                "--except",
                "broken/*",
                "--except",
                "unprovisionable/*",
                "--except",
                "hanging/*"));
    args.addAll(List.of(extra));
    return Cli.run(args.toArray(String[]::new));
  }

  private static String cosignVerifyBlob(Path set, Path key) throws Exception {
    return TestFiles.sh(
        set,
        TrixieTools.cosign()
            + " verify-blob --key "
            + key
            + " --signature img.tar.lz4.sig --insecure-ignore-tlog=true img.tar.lz4 2>&1");
  }

  private static int cosignVerifyBlobExit(Path set, Path key) throws Exception {
    Process p =
        new ProcessBuilder(
                "sh",
                "-c",
                TrixieTools.cosign()
                    + " verify-blob --key "
                    + key
                    + " --signature img.tar.lz4.sig --insecure-ignore-tlog=true img.tar.lz4")
            .directory(set.toFile())
            .redirectErrorStream(true)
            .start();
    p.getInputStream().readAllBytes();
    return p.waitFor();
  }

  @Test
  @Order(1)
  void unusableKeys_failTheRunAtOnce_nothingBuilt() throws Exception {
    Files.writeString(work.resolve("junk.pem"), "not a key\n");
    Cli r = run("--signing-key", work.resolve("junk.pem").toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err().strip())
        .startsWith(
            "engine: " + work.resolve("junk.pem") + ": expected a PEM ECDSA P-256 private key")
        .doesNotContain("\n");
    TestFiles.sh(
        work, "openssl pkcs8 -topk8 -v2 aes-256-cbc -in key.pem -passout pass:pw -out enc.pem");
    Cli enc = run("--signing-key", work.resolve("enc.pem").toString());
    assertThat(enc.code()).isEqualTo(1);
    assertThat(enc.err())
        .contains(
            "the signing key is encrypted; give its password in $ENGINE_SIGNING_KEY_PASSWORD");
    assertThat(store).doesNotExist();
    assertThat(state.resolve("bases")).doesNotExist();
  }

  @Test
  @Order(2)
  void run_publishesSetsWithSbomProvenanceAndASignatureCosignAccepts() throws Exception {
    Cli r = run("--signing-key", key.toString());
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out() + r.err()).doesNotContain(Files.readString(key).substring(40, 80));
    for (String id : List.of("mini/13", "tools/13")) {
      Path set = store.resolve(id);
      JsonNode manifest = json(set.resolve("manifest.json"));
      int packages = manifest.path("packageCount").asInt();
      assertThat(packages)
          .isEqualTo(
              (int)
                  Files.readAllLines(set.resolve("packages.txt")).stream()
                      .filter(l -> l.startsWith("ii "))
                      .count());
      SbomAssertions.assertSbom(set, packages, "pkg:deb/debian/", "distro=debian-13");
      JsonNode prov = json(set.resolve("provenance.json"));
      assertThat(prov.path("subject").path(0).path("digest").path("sha256").asText())
          .isEqualTo(manifest.path("sha256").asText())
          .isEqualTo(Digests.ofFile(set.resolve("img.tar.lz4")));
      assertThat(manifest.path("files").fieldNames())
          .toIterable()
          .containsExactly("packages.txt", "sbom.cdx.json", "provenance.json", "img.tar.lz4.sig");
      assertThat(cosignVerifyBlob(set, pub)).contains("Verified OK");
      assertThat(engine("verify-signature", set.toString(), "--key", pub.toString()).code())
          .isZero();
    }
    // The SBOM lists the context files the templates copy, where they land.
    assertThat(Files.readString(store.resolve("mini/13/sbom.cdx.json")))
        .contains("\"name\" : \"/etc/motd\"")
        .contains("contexts/extra/etc/extra.conf");
  }

  @Test
  @Order(3)
  void provenance_namesInputsThatAllResolve() throws Exception {
    JsonNode mini = json(store.resolve("mini/13/provenance.json")).path("predicate");
    JsonNode tools = json(store.resolve("tools/13/provenance.json")).path("predicate");
    for (JsonNode p : List.of(mini, tools)) {
      JsonNode def = p.path("buildDefinition");
      JsonNode decl = def.path("externalParameters").path("declaration");
      String commit = decl.path("commit").asText();
      assertThat(decl.path("dirty").asBoolean()).isFalse();
      // The commit exists and holds the declaration at the path named.
      TestFiles.sh(repo, "git cat-file -e " + commit + ":" + decl.path("path").asText());
      String id = def.path("externalParameters").path("cell").asText();
      // The rendered Dockerfile is what `engine render` renders from that checkout.
      Path rendered = work.resolve("rendered-" + id.replace('/', '-'));
      assertThat(
              engine(
                      "render",
                      "-f",
                      repo.resolve("images.yaml").toString(),
                      "--only",
                      id,
                      "--out",
                      rendered.toString())
                  .code())
          .isZero();
      assertThat(def.path("internalParameters").path("dockerfile").path("sha256").asText())
          .isEqualTo(Digests.ofFile(rendered.resolve(id).resolve("Dockerfile")));
      List<Path> contexts = new java.util.ArrayList<>();
      def.path("internalParameters")
          .path("contexts")
          .path("directories")
          .forEach(d -> contexts.add(repo.resolve(d.asText())));
      assertThat(def.path("internalParameters").path("contexts").path("sha256").asText())
          .isEqualTo(ContextFiles.digest(contexts));
      assertThat(def.path("internalParameters").path("inputHash").asText())
          .isEqualTo(json(store.resolve(id).resolve("manifest.json")).path("inputHash").asText());
      JsonNode run = p.path("runDetails");
      assertThat(run.path("builder").path("version").path("builtWith").asText())
          .isEqualTo(dev.osimages.engine.builder.Builder.recipe("chroot"));
      String log = run.path("metadata").path("invocationId").asText().replaceFirst("^[^:]*:", "");
      assertThat(Path.of(log)).isRegularFile();
    }
    // mini/13 starts from a bootstrap whose Release dates are those its cache entry was made for.
    JsonNode base = mini.path("buildDefinition").path("resolvedDependencies").path(1);
    assertThat(base.path("uri").asText()).isEqualTo("bootstrap:trixie/minbase");
    List<String> dates = new java.util.ArrayList<>();
    base.path("annotations").path("releaseDates").forEach(d -> dates.add(d.asText()));
    assertThat(dates).isNotEmpty();
    assertThat(
            TestFiles.sh(state, "cat bases/bootstrap-*/meta.properties | sed -n 's/^release=//p'")
                .strip())
        .isEqualTo(String.join(", ", dates));
    // tools/13 starts from mini/13: its input hash and its published tarball.
    JsonNode cellBase = tools.path("buildDefinition").path("resolvedDependencies").path(1);
    assertThat(cellBase.path("uri").asText()).isEqualTo("osimages:cell/mini/13");
    assertThat(cellBase.path("digest").path("sha256").asText())
        .isEqualTo(Digests.ofFile(store.resolve("mini/13/img.tar.lz4")));
    assertThat(cellBase.path("annotations").path("inputHash").asText())
        .isEqualTo(json(store.resolve("mini/13/manifest.json")).path("inputHash").asText());
  }

  @Test
  @Order(4)
  void flippedByteOrWrongKey_failCosignAndTheEngine() throws Exception {
    Path copy = work.resolve("tampered");
    TestFiles.sh(work, "cp -a " + store.resolve("tools/13") + " " + copy);
    assertThat(cosignVerifyBlobExit(copy, work.resolve("other.pub"))).isNotZero();
    Cli wrongKey =
        engine("verify-signature", copy.toString(), "--key", work.resolve("other.pub").toString());
    assertThat(wrongKey.code()).isEqualTo(1);
    assertThat(wrongKey.err()).contains("img.tar.lz4.sig: not a signature of img.tar.lz4");
    TestFiles.sh(
        copy, "printf '\\001' | dd of=img.tar.lz4 bs=1 seek=1000 conv=notrunc status=none");
    assertThat(cosignVerifyBlobExit(copy, pub)).isNotZero();
    assertThat(engine("verify-signature", copy.toString(), "--key", pub.toString()).code())
        .isEqualTo(1);
    Cli checksum = engine("checksum", copy.toString());
    assertThat(checksum.code()).isEqualTo(1);
    // An edited SBOM no longer matches the digest manifest.json records.
    Path sbomEdit = work.resolve("sbom-edited");
    TestFiles.sh(
        work,
        "cp -a "
            + store.resolve("tools/13")
            + " "
            + sbomEdit
            + " && sed -i 's/\"dpkg\"/\"dpkx\"/' "
            + sbomEdit
            + "/sbom.cdx.json");
    Cli edited = engine("checksum", sbomEdit.toString());
    assertThat(edited.code()).isEqualTo(1);
    assertThat(edited.err()).contains("sbom.cdx.json: sha256");
  }

  @Test
  @Order(5)
  void upToDateSet_isSignedAnewWithANewKey_andEngineSignTakesACosignKey() throws Exception {
    Path set = store.resolve("mini/13");
    String tarball = Digests.ofFile(set.resolve("img.tar.lz4"));
    Cli r = run("--signing-key", work.resolve("other.pem").toString());
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).containsPattern("mini/13 +up to date");
    assertThat(Digests.ofFile(set.resolve("img.tar.lz4"))).isEqualTo(tarball);
    assertThat(cosignVerifyBlob(set, work.resolve("other.pub"))).contains("Verified OK");
    Files.delete(set.resolve("img.tar.lz4.sig"));
    Cli stale = engine("checksum", set.toString());
    assertThat(stale.code()).isEqualTo(1); // the manifest records a signature that is gone
    assertThat(stale.err()).contains("records img.tar.lz4.sig, which is missing");
    // A key made by cosign itself (scrypt + secretbox), password from the environment.
    Path cosignKeys = work.resolve("cosign-keys");
    Files.createDirectories(cosignKeys);
    TestFiles.sh(
        cosignKeys,
        "COSIGN_PASSWORD=pw " + TrixieTools.cosign() + " generate-key-pair >/dev/null 2>&1");
    Cli signed =
        Cli.inNewJvm(
            env -> {
              env.put("ENGINE_SIGNING_KEY", cosignKeys.resolve("cosign.key").toString());
              env.put("ENGINE_SIGNING_KEY_PASSWORD", "pw");
            },
            work,
            "sign",
            set.toString());
    assertThat(signed.code()).as(signed.out() + signed.err()).isZero();
    assertThat(signed.out() + signed.err()).doesNotContain("pw\n");
    assertThat(cosignVerifyBlob(set, cosignKeys.resolve("cosign.pub"))).contains("Verified OK");
    assertThat(engine("checksum", set.toString()).code()).isZero();
  }

  @Test
  @Order(6)
  void sbomCommand_printsCycloneDx_andSpdxWithTheSamePackages() throws Exception {
    Path set = store.resolve("tools/13");
    Cli cdx = engine("sbom", set.toString());
    assertThat(cdx.out()).isEqualTo(Files.readString(set.resolve("sbom.cdx.json")));
    Cli spdx = engine("sbom", set.toString(), "--format", "spdx");
    assertThat(spdx.code()).isZero();
    JsonNode doc = new ObjectMapper().readTree(spdx.out());
    assertThat(doc.path("spdxVersion").asText()).isEqualTo("SPDX-2.3");
    int packages = json(set.resolve("manifest.json")).path("packageCount").asInt();
    long libs = 0;
    for (JsonNode p : doc.path("packages")) {
      if (p.path("primaryPackagePurpose").asText().equals("LIBRARY")) {
        libs++;
        assertThat(p.path("externalRefs").path(0).path("referenceLocator").asText())
            .startsWith("pkg:deb/debian/");
      }
    }
    assertThat(libs).isEqualTo(packages);
    assertThat(doc.path("documentDescribes").path(0).asText()).isEqualTo("SPDXRef-OperatingSystem");
  }

  private static JsonNode json(Path file) throws IOException {
    return new ObjectMapper().readTree(Files.readAllBytes(file));
  }

  @SuppressWarnings("unused")
  private static Map<String, String> none() {
    return Map.of();
  }
}
