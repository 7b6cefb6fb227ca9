package dev.osimages.engine.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osimages.engine.host.Digests;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** engine checksum's check of a published set, and the manifest fields a run reads back. */
class ImageSetCheckerTest {
  @TempDir Path tmp;
  Path set;

  @BeforeEach
  void publishASet() throws Exception {
    set =
        TestTrees.publishSmallSet(
            tmp, new ManifestExtras("x/1", "abc", "dev", "chroot, hygiene 3", null, null));
  }

  @Test
  void publishedSet_digestsAreThoseOfTheWholeFile() throws Exception {
    ImageSetChecker.Result r = new ImageSetChecker().check(set);

    byte[] tarball = Files.readAllBytes(set.resolve(ImageSet.TARBALL));
    assertThat(r.problems()).isEmpty();
    assertThat(r.md5()).isEqualTo(hex(Digests.md5().digest(tarball)));
    assertThat(r.sha256()).isEqualTo(hex(Digests.sha256().digest(tarball)));
  }

  @Test
  void skippableFrameBeforeTheImage_isPartOfTheDigests() throws Exception {
    // A skippable frame (magic 0x184D2A5X, little-endian length, payload) is valid LZ4 that the
    // checker passes over; the digests must still cover its bytes, as md5sum's would.
    Path tarball = set.resolve(ImageSet.TARBALL);
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(new byte[] {0x50, 0x2A, 0x4D, 0x18, 5, 0, 0, 0, 'h', 'e', 'l', 'l', 'o'});
    b.write(Files.readAllBytes(tarball));
    byte[] bytes = b.toByteArray();
    Files.write(tarball, bytes);
    String md5 = hex(Digests.md5().digest(bytes));
    String sha = hex(Digests.sha256().digest(bytes));
    Files.writeString(set.resolve(ImageSet.MD5), ImageSet.md5Line(md5));
    Path manifest = set.resolve(ImageSet.MANIFEST);
    String text = Files.readString(manifest);
    // The provenance names the new tarball too, and the manifest the new provenance.
    Path provenance = set.resolve(ImageSet.PROVENANCE);
    String oldProvenance = Digests.ofFile(provenance);
    Files.writeString(
        provenance,
        Files.readString(provenance)
            .replaceAll("\"sha256\": \"[0-9a-f]+\"", "\"sha256\": \"" + sha + "\""));
    Files.writeString(
        manifest,
        text.replaceFirst("\"sha256\": \"[0-9a-f]+\"", "\"sha256\": \"" + sha + "\"")
            .replace(oldProvenance, Digests.ofFile(provenance)));

    ImageSetChecker.Result r = new ImageSetChecker().check(set);

    assertThat(r.problems()).isEmpty();
    assertThat(r.md5()).isEqualTo(md5);
    assertThat(r.sha256()).isEqualTo(sha);
  }

  @Test
  void manifestThatIsNotJson_isAProblemNamingIt() throws Exception {
    Path manifest = set.resolve(ImageSet.MANIFEST);
    Files.writeString(manifest, "{\"sha256\": ");

    ImageSetChecker.Result r = new ImageSetChecker().check(set);

    assertThat(r.problems()).singleElement().asString().startsWith(manifest + ": not valid JSON: ");
  }

  @Test
  void publishedFields_areReadFromTheParsedManifest() throws Exception {
    assertThat(ImageSet.publishedInputHash(set)).contains("abc");
    assertThat(ImageSet.publishedBuiltWith(set)).contains("chroot, hygiene 3");

    // Key order and spacing are the writer's business, not the reader's.
    Files.writeString(
        set.resolve(ImageSet.MANIFEST),
        "{\"builtWith\":\"docker, hygiene 3\",\"inputHash\":\"d\\u0065f\"}",
        StandardCharsets.UTF_8);
    assertThat(ImageSet.publishedInputHash(set)).contains("def");
    assertThat(ImageSet.publishedBuiltWith(set)).contains("docker, hygiene 3");

    Files.writeString(set.resolve(ImageSet.MANIFEST), "not json");
    assertThat(ImageSet.publishedInputHash(set)).isEmpty();
  }

  private static String hex(byte[] digest) {
    return HexFormat.of().formatHex(digest);
  }
}
