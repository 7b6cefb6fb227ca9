package dev.osimages.engine.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.NeedsRoot;
import dev.osimages.engine.archive.Pinning;
import dev.osimages.engine.host.Trees;
import dev.osimages.engine.model.Base;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ubuntu's archive key, for real: this Debian host has no keyring for it, so it is read from the
 * archive's ubuntu-keyring package and trusted through the pinned fingerprint (root, mmdebstrap and
 * the Ubuntu archive, which the CI machine reaches like Debian's). The refusals use real keys and
 * packages of that archive: the 2012 archive key is in the package but no longer signs noble.
 */
class ArchiveKeysIT {
  private static final String KEY_2018 = "F6ECB3762474EDA9D21B7022871920D1991BC93C";
  private static final String KEY_2012 = "790BC7277767219C42C86F933B4FE6ACC0B21F32";
  private static final String FILE = "usr/share/keyrings/ubuntu-archive-keyring.gpg";
  private static Path cache;

  @BeforeAll
  static void setUp() throws Exception {
    NeedsRoot.assume("mmdebstrap");
    cache = Files.createTempDirectory("archive-keys-it-");
  }

  @AfterAll
  static void tearDown() {
    if (cache != null) {
      Trees.delete(cache);
    }
  }

  @Test
  void pinnedKey_isVerifiedAndKeptAlone_thenReusedWithoutDownloads() throws Exception {
    Path fresh = Files.createTempDirectory(cache, "fresh-");
    List<String> lines = new ArrayList<>();
    Path kept = new ArchiveKeys(fresh).keyring(noble(key(KEY_2018)), key(KEY_2018), lines::add);

    assertThat(OpenPgpKeys.fingerprints(Files.readAllBytes(kept))).containsExactly(KEY_2018);
    assertThat(lines)
        .singleElement()
        .asString()
        .startsWith("archive key " + KEY_2018 + ": from ubuntu-keyring ")
        .contains("signs noble's InRelease");
    try (var left = Files.list(fresh)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .as("no scratch directory is left")
          .noneMatch(n -> n.startsWith(".tmp-"));
    }

    FileTime before = Files.getLastModifiedTime(kept);
    List<String> again = new ArrayList<>();
    assertThat(new ArchiveKeys(fresh).keyring(noble(key(KEY_2018)), key(KEY_2018), again::add))
        .isEqualTo(kept);
    assertThat(again).isEmpty();
    assertThat(Files.getLastModifiedTime(kept)).isEqualTo(before);
  }

  @Test
  void keyInThePackageThatDoesNotSignTheSuite_isRefused() {
    assertRefused(
        key(KEY_2012), "is not trusted: the InRelease of noble at ", "is not signed by that key");
  }

  @Test
  void fingerprintAbsentFromThePackage_isRefused_namingTheKeysItHolds() {
    String absent = "0123456789ABCDEF0123456789ABCDEF01234567";
    assertRefused(key(absent), "holds no key with that fingerprint (it holds ", KEY_2018);
  }

  @Test
  void packageAbsentFromTheArchive_isRefused() {
    assertRefused(
        new Base.ArchiveKey("no-such-keyring", FILE, KEY_2018), "has the package no-such-keyring");
  }

  @Test
  void fileAbsentFromThePackage_isRefused() {
    assertRefused(
        new Base.ArchiveKey("ubuntu-keyring", "usr/share/keyrings/nope.gpg", KEY_2018),
        "ubuntu-keyring has no file /usr/share/keyrings/nope.gpg");
  }

  @Test
  void mmdebstrap_bootstrapsNoble_withTheKeptKeyAlone() throws Exception {
    Path bases = Files.createTempDirectory(cache, "bases-");
    Base.Bootstrap b =
        new Base.Bootstrap(
            "noble",
            "extract",
            List.of("main"),
            List.of("ubuntu-keyring"),
            Optional.empty(),
            Optional.of(key(KEY_2018)));
    List<String> lines = new ArrayList<>();
    ResolvedBase r = new Bootstrapper(bases).resolve(b, lines::add, Pinning.NONE);

    assertThat(r.made()).isTrue();
    assertThat(r.layers().get(0).resolve(FILE)).isRegularFile();
    assertThat(lines).anyMatch(l -> l.startsWith("archive key " + KEY_2018));
  }

  private static void assertRefused(Base.ArchiveKey key, String... parts) {
    Path fresh;
    try {
      fresh = Files.createTempDirectory(cache, "refused-");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    assertThatThrownBy(() -> new ArchiveKeys(fresh).keyring(noble(key), key, l -> {}))
        .isInstanceOf(EngineException.class)
        .hasMessageStartingWith("archive key " + key.fingerprint() + " (" + key.packageName() + ")")
        .hasMessageContainingAll(parts);
    assertThat(fresh.resolve("keys").resolve(key.fingerprint() + ".gpg")).doesNotExist();
  }

  private static Base.ArchiveKey key(String fingerprint) {
    return new Base.ArchiveKey("ubuntu-keyring", FILE, fingerprint);
  }

  private static Base.Bootstrap noble(Base.ArchiveKey key) {
    return new Base.Bootstrap(
        "noble",
        "minbase",
        List.of("main", "universe"),
        List.of(),
        Optional.empty(),
        Optional.of(key));
  }
}
