package dev.osimages.engine.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osimages.engine.NeedsRoot;
import dev.osimages.engine.event.Event;
import dev.osimages.engine.event.Warning;
import dev.osimages.engine.model.PackageManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exports a tree with every kind of member, unpacks it with GNU tar and compares (needs root). */
class ExportRoundTripIT {
  @TempDir static Path tmp;
  static Path tree;

  @BeforeAll
  static void buildTree() throws Exception {
    NeedsRoot.assume("device nodes, owners and capabilities in the test tree");
    tree = tmp.resolve("rootfs");
    Files.createDirectories(tree);
    TestTrees.build(tree);
  }

  private static ExportOptions options() {
    return ExportOptions.defaults()
        .withPackageManager(PackageManager.NONE)
        .withSourceDateEpoch(OptionalLong.empty())
        .withThreads(2);
  }

  private static Path export(Path target, ExportOptions o, List<Event> events) {
    Exporter exporter = new Exporter(events::add);
    StagedExport staged = exporter.stage("test/1", tree, target, o);
    new Publisher().publish(staged, new ManifestExtras("test/1", "abc", "dev", null, null));
    return target;
  }

  @Test
  void roundTrip_withGnuTar_restoresOwnersModesLinksDevicesAndCapabilities() throws Exception {
    List<Event> events = new CopyOnWriteArrayList<>();
    Path set = export(tmp.resolve("store/stable/test/1"), options(), events);

    TestTrees.sh(set, "lz4 -t img.tar.lz4 && md5sum -c img.tar.lz4.md5");
    Path out = tmp.resolve("unpacked");
    Files.createDirectories(out);
    TestTrees.sh(
        out,
        "lz4 -dc "
            + set.resolve("img.tar.lz4")
            + " | tar --xattrs --xattrs-include='*' --numeric-owner -xpf -");

    Map<String, String> expected = TestTrees.describe(tree);
    TestTrees.EXCLUDED.forEach(expected::remove);
    Map<String, String> actual = TestTrees.describe(out);
    assertThat(actual).isEqualTo(expected);
    assertThat(actual.get("/usr/bin/ping")).contains("security.capability=0x01000002802000");
    assertThat(actual.get("/usr/bin/c")).contains("link=/usr/bin/a");
    assertThat(actual.get("/etc/evil")).endsWith("-> /etc/shadow");
    assertThat(events)
        .anyMatch(e -> e instanceof Warning w && w.message().contains("/var/spool/sock"));
  }

  @Test
  void tarStream_passesThrough_andRoundTripsLikeADirectory() throws Exception {
    for (String format : List.of("posix", "gnu")) {
      Process tar =
          new ProcessBuilder(
                  "bash",
                  "-c",
                  "tar "
                      + (format.equals("posix") ? "--xattrs --xattrs-include='*' " : "")
                      + "--format="
                      + format
                      + " -C "
                      + tree
                      + " -cf - .")
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      Path set = tmp.resolve("store/stream/" + format + "/1");
      StagedExport staged;
      try (var in = tar.getInputStream()) {
        staged = new Exporter(e -> {}).stage("s/1", in, set, options());
      }
      tar.waitFor();
      new Publisher().publish(staged, new ManifestExtras("s/1", "", "dev", null, null));
      Path out = tmp.resolve("unpacked-" + format);
      Files.createDirectories(out);
      TestTrees.sh(
          out,
          "lz4 -dc "
              + set.resolve("img.tar.lz4")
              + " | tar --xattrs --xattrs-include='*' --numeric-owner -xpf -");
      Map<String, String> expected = TestTrees.describe(tree);
      TestTrees.EXCLUDED.forEach(expected::remove);
      if (format.equals("gnu")) {
        // GNU format carries no xattrs; everything else must survive.
        expected.replaceAll((k, v) -> v.replaceAll(" (security|user)\\.[a-z]+=0x[0-9a-f]+", ""));
      }
      assertThat(TestTrees.describe(out)).as(format).isEqualTo(expected);
    }
  }

  @Test
  void nonUtf8Jvm_refusesNamesItCannotDecode_insteadOfMangling() throws Exception {
    Path odd = tmp.resolve("odd");
    Files.createDirectories(odd);
    TestTrees.sh(odd, "touch $'caf\\xc3\\xa9' plain");
    Path target = tmp.resolve("store/odd/1");
    if (TestTrees.utf8Names()) {
      StagedExport s = new Exporter(e -> {}).stage("odd/1", odd, target, options());
      new Publisher().discard(s);
      return;
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new Exporter(e -> {}).stage("odd/1", odd, target, options()))
        .hasMessageContaining("LC_ALL=C.UTF-8");
  }

  @Test
  void tarball_carriesNamesFromTheImage_andHardlinksOnce() throws Exception {
    Path set = export(tmp.resolve("store/stable/names/1"), options(), new CopyOnWriteArrayList<>());
    String listing = TestTrees.sh(set, "lz4 -dc img.tar.lz4 | tar -tvf -");
    assertThat(listing).contains("alice/staff2").contains("./usr/lib/alice.txt");
    assertThat(listing).contains("./usr/bin/b link to ./usr/bin/a");
    assertThat(listing.lines().filter(l -> l.endsWith(" ./usr/bin/a") && !l.contains("link to")))
        .hasSize(1);
    String verbose =
        TestTrees.sh(
            set, "lz4 -dc img.tar.lz4 | tar --format=posix -tvf - ./dev/null ./usr/lib/blk");
    assertThat(verbose).contains("1,3").contains("7,9");
    // A plain `tar --xattrs -xpf` restores user.* xattrs (GNU tar's default filter).
    Path plain = tmp.resolve("plain");
    Files.createDirectories(plain);
    TestTrees.sh(plain, "lz4 -dc " + set.resolve("img.tar.lz4") + " | tar --xattrs -xpf -");
    assertThat(TestTrees.sh(plain, "getfattr -d -e hex usr/bin/a")).contains("user.bin=0x80ff00");
  }

  @Test
  void sourceDateEpoch_makesTwoExportsByteIdentical_andClampsMtimes() throws Exception {
    TestTrees.sh(tree, "touch usr/lib/empty");
    ExportOptions o = options().withSourceDateEpoch(OptionalLong.of(1700000000L));
    Path a = export(tmp.resolve("store/a/x/1"), o.withThreads(1), new CopyOnWriteArrayList<>());
    TestTrees.sh(tree, "touch usr/lib/empty");
    Path b = export(tmp.resolve("store/b/x/1"), o.withThreads(3), new CopyOnWriteArrayList<>());
    assertThat(Files.readAllBytes(a.resolve("img.tar.lz4")))
        .isEqualTo(Files.readAllBytes(b.resolve("img.tar.lz4")));
    String listing =
        TestTrees.sh(a, "lz4 -dc img.tar.lz4 | tar --full-time -tvf - ./usr/lib/empty ./bin/su");
    assertThat(listing).contains("2023-11-14 22:13:20 ./usr/lib/empty");
    assertThat(listing).contains("2020-09-13 12:26:40 ./bin/su");
  }

  @Test
  void republishing_replacesTheSet_andChecksumCommandAgrees() throws Exception {
    Path target = tmp.resolve("store/stable/re/1");
    export(target, options(), new CopyOnWriteArrayList<>());
    String first = Files.readString(target.resolve("img.tar.lz4.md5"));
    TestTrees.write(tree, "etc/motd", "new content\n");
    try {
      export(target, options(), new CopyOnWriteArrayList<>());
    } finally {
      Files.delete(tree.resolve("etc/motd"));
    }
    assertThat(Files.readString(target.resolve("img.tar.lz4.md5"))).isNotEqualTo(first);
    assertThat(new ImageSetChecker().check(target).ok()).isTrue();
    try (var s = Files.list(target.getParent())) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("1");
    }
    TestTrees.sh(target, "lz4 -dc img.tar.lz4 | tar -xOf - ./etc/motd | grep -q 'new content'");
  }

  @Test
  void sbomTheSchemaRejects_failsInOneLine_andPublishesNothing() throws Exception {
    Path target = tmp.resolve("store/stable/badsbom/1");
    export(target, options(), new CopyOnWriteArrayList<>());
    String before = Files.readString(target.resolve("img.tar.lz4.md5"));
    StagedExport staged = new Exporter(e -> {}).stage("badsbom/1", tree, target, options());
    // A file digest that is no sha256: the CycloneDX schema rejects the document.
    Attachments bad =
        new Attachments(
            List.of(
                new dev.osimages.engine.sbom.AddedFile(
                    "/etc/x", "not-a-digest", "ctx", java.util.Optional.empty())),
            java.util.Optional.empty(),
            java.util.Optional.empty());
    assertThatThrownBy(
            () ->
                new Publisher()
                    .publish(
                        staged, new ManifestExtras("badsbom/1", "abc", "dev", null, null), bad))
        .hasMessageStartingWith("badsbom/1: sbom: the CycloneDX 1.6 schema rejects the SBOM:")
        .hasMessageNotContaining("\n");
    assertThat(staged.stagingDir()).doesNotExist();
    assertThat(Files.readString(target.resolve("img.tar.lz4.md5"))).isEqualTo(before);
    assertThat(new ImageSetChecker().check(target).ok()).isTrue();
  }
}
