package dev.osimages.engine.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseTest {
  @TempDir Path root;

  @BeforeEach
  void stable() throws IOException {
    for (String id : List.of("debian/13", "firewall/3.0-debian")) {
      for (String f : Release.SET) {
        Path p = root.resolve("stable").resolve(id).resolve(f);
        Files.createDirectories(p.getParent());
        Files.writeString(p, id + " " + f);
      }
    }
    // An incomplete set (no md5) is not released.
    Files.createDirectories(root.resolve("stable/ubuntu/24.04"));
    Files.writeString(root.resolve("stable/ubuntu/24.04/img.tar.lz4"), "partial");
  }

  @Test
  void promote_hardLinksCompleteSetsAndWritesDownloads() throws IOException {
    List<Release.Image> images =
        new Release(root, dir -> List.of())
            .promote("stable", "20260101", "https://images.example/metal/");
    assertThat(images)
        .extracting(Release.Image::name)
        .containsExactly("debian-13.20260101", "firewall-3.0-debian.20260101");
    Path released = root.resolve("20260101/debian/13/img.tar.lz4");
    assertThat(Files.isSameFile(released, root.resolve("stable/debian/13/img.tar.lz4"))).isTrue();
    assertThat(Files.exists(root.resolve("20260101/ubuntu"))).isFalse();
    assertThat(Files.readString(root.resolve("20260101/downloads.md")))
        .contains(
            "| debian-13.20260101 | https://images.example/metal/20260101/debian/13/img.tar.lz4 |"
                + " https://images.example/metal/20260101/debian/13/img.tar.lz4.md5 |"
                + " https://images.example/metal/20260101/debian/13/packages.txt |");
  }

  @Test
  void promote_badChecksumLeavesNothingBehind() {
    Release r =
        new Release(root, dir -> dir.endsWith("3.0-debian") ? List.of("md5 mismatch") : List.of());
    assertThatThrownBy(() -> r.promote("stable", "20260101", "https://x"))
        .isInstanceOf(ReleaseException.class)
        .hasMessageContaining("firewall/3.0-debian: md5 mismatch");
    assertThat(root.resolve("20260101")).doesNotExist();
    assertThat(root.resolve(".20260101.staging")).doesNotExist();
  }

  @Test
  void promote_neverOverwritesAnExistingRelease() throws IOException {
    Files.createDirectories(root.resolve("20260101"));
    assertThatThrownBy(
            () -> new Release(root, d -> List.of()).promote("stable", "20260101", "https://x"))
        .hasMessageContaining("never overwritten");
  }

  @Test
  void promote_rejectsAMalformedDate() {
    assertThatThrownBy(
            () -> new Release(root, d -> List.of()).promote("stable", "2026-01-01", "https://x"))
        .hasMessageContaining("YYYYMMDD");
  }
}
