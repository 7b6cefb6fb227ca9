package dev.osimages.engine.repro;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osimages.engine.export.lz4.ParallelLz4OutputStream;
import dev.osimages.engine.export.tar.PaxTarWriter;
import dev.osimages.engine.export.tar.TarEntry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarballComparisonTest {
  @TempDir Path dir;

  /** A member of a test tarball with its content. */
  record Item(TarEntry entry, String content) {}

  static Item file(String name, String content, long mtime) {
    byte[] b = content.getBytes(StandardCharsets.UTF_8);
    return new Item(
        new TarEntry(
            name,
            TarEntry.Type.FILE,
            0644,
            0,
            0,
            "root",
            "root",
            mtime,
            b.length,
            "",
            0,
            0,
            Map.of()),
        content);
  }

  static Item dir(String name) {
    return new Item(
        new TarEntry(
            name, TarEntry.Type.DIRECTORY, 0755, 0, 0, "root", "root", 100, 0, "", 0, 0, Map.of()),
        "");
  }

  private Path tarball(String name, List<Item> items) throws IOException {
    Path p = dir.resolve(name);
    try (OutputStream f = Files.newOutputStream(p);
        ParallelLz4OutputStream lz4 = new ParallelLz4OutputStream(f, 1, 1, 0);
        PaxTarWriter tar = new PaxTarWriter(lz4)) {
      for (Item i : items) {
        tar.write(
            i.entry(), new ByteArrayInputStream(i.content().getBytes(StandardCharsets.UTF_8)));
      }
      tar.finish();
      lz4.finish();
    }
    return p;
  }

  private List<Item> image(UnaryOperator<List<Item>> change) {
    List<Item> base =
        new ArrayList<>(
            List.of(
                dir("./"),
                dir("./etc/"),
                file("./etc/motd", "hello\n", 100),
                file("./etc/shadow", "root:*:20787:0:99999:7:::\n", 100)));
    return change.apply(base);
  }

  @Test
  void sameMembers_areIdenticalBytes() throws IOException {
    TarballComparison c =
        TarballComparison.of(
            tarball("a.tar.lz4", image(l -> l)), tarball("b.tar.lz4", image(l -> l)));
    assertThat(c.identical()).isTrue();
    assertThat(c.differences()).isEmpty();
    assertThat(c.firstSha256()).isEqualTo(c.secondSha256()).hasSize(64);
  }

  @Test
  void changedContentAndMtime_nameTheMemberAndEachField() throws IOException {
    List<Item> b =
        image(
            l -> {
              l.set(2, file("./etc/motd", "hello!\n", 200));
              return l;
            });
    TarballComparison c =
        TarballComparison.of(tarball("a.tar.lz4", image(l -> l)), tarball("b.tar.lz4", b));
    assertThat(c.identical()).isFalse();
    assertThat(c.differences()).hasSize(1);
    TarballComparison.Difference d = c.differences().get(0);
    assertThat(d.path()).isEqualTo("./etc/motd");
    assertThat(d.content()).isTrue();
    assertThat(d.fields())
        .anyMatch(f -> f.startsWith("size: 6 -> 7"))
        .anyMatch(f -> f.startsWith("content: sha256 "))
        .anyMatch(f -> f.equals("mtime: 100 -> 200"));
    assertThat(c.orderDiffers()).isFalse();
  }

  @Test
  void addedRemovedAndReordered_areReported() throws IOException {
    List<Item> b =
        image(
            l -> {
              Item motd = l.remove(2);
              l.add(motd); // after shadow: same members, another order
              l.add(file("./etc/extra", "x", 100));
              return l;
            });
    List<Item> a = image(l -> l);
    a.add(file("./etc/gone", "y", 100));
    TarballComparison c = TarballComparison.of(tarball("a.tar.lz4", a), tarball("b.tar.lz4", b));
    assertThat(c.differences())
        .extracting(TarballComparison.Difference::describe)
        .containsExactly(
            "./etc/gone: only in the first build", "./etc/extra: only in the second build");
    assertThat(c.orderDiffers()).isTrue();
  }

  @Test
  void ownerModeAndLinkTarget_areCompared() {
    Member a = new Member("./x", "symlink", 0777, "0:0 (root:root)", 0, "", "y", Map.of(), 1);
    Member b = new Member("./x", "symlink", 0755, "1:1 (a:a)", 0, "", "z", Map.of("k", "v"), 1);
    assertThat(a.differences(b))
        .containsExactly(
            "mode: 0777 -> 0755",
            "owner: 0:0 (root:root) -> 1:1 (a:a)",
            "link: y -> z",
            "xattrs: [] -> [k] (names or values differ)");
    assertThat(a.contentDiffers(b)).isFalse();
  }
}
