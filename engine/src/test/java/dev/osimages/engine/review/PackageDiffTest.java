package dev.osimages.engine.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageDiffTest {
  static final String DPKG_OLD =
      """
      Desired=Unknown/Install/Remove/Purge/Hold
      | Status=Not/Inst/Conf-files/Unpacked/halF-conf/Half-inst/trig-aWait/Trig-pend
      |/ Err?=(none)/Reinst-required (Status,Err: uppercase=bad)
      ||/ Name           Version      Architecture Description
      +++-==============-============-============-=================================
      ii  bash           5.2.15-2+b7  amd64        GNU Bourne Again SHell
      ii  libc6:amd64    2.36-9       amd64        GNU C Library: Shared libraries
      rc  oldpkg         1.0          amd64        removed but configs remain
      ii  sudo           1.9.13p3-1   amd64        Provide limited super user privileges
      """;
  static final String DPKG_NEW =
      """
      Desired=Unknown/Install/Remove/Purge/Hold
      ||/ Name           Version      Architecture Description
      +++-==============-============-============-=================================
      ii  bash           5.2.37-2     amd64        GNU Bourne Again SHell
      hi  libc6:amd64    2.36-9       amd64        GNU C Library: Shared libraries
      ii  nftables       1.1.3-1      amd64        Program to control packet filtering
      """;

  @Test
  void parse_dpkgKeepsInstalledAndHeldOnly() {
    assertThat(PackageList.parse(DPKG_OLD).versions())
        .containsOnly(
            Map.entry("bash", "5.2.15-2+b7"),
            Map.entry("libc6:amd64", "2.36-9"),
            Map.entry("sudo", "1.9.13p3-1"));
  }

  @Test
  void parse_rpmSplitsNameVersionReleaseArch() {
    assertThat(
            PackageList.parse("bash-5.1.8-9.el9.x86_64\nkernel-core-5.14.0-503.el9.x86_64\n")
                .versions())
        .containsOnly(
            Map.entry("bash.x86_64", "5.1.8-9.el9"),
            Map.entry("kernel-core.x86_64", "5.14.0-503.el9"));
  }

  @Test
  void between_reportsAddedRemovedAndChanged() {
    PackageDiff d = PackageDiff.between(PackageList.parse(DPKG_OLD), PackageList.parse(DPKG_NEW));
    assertThat(d.added()).containsExactly("nftables 1.1.3-1");
    assertThat(d.removed()).containsExactly("sudo 1.9.13p3-1");
    assertThat(d.changed())
        .containsExactly(new PackageDiff.Change("bash", "5.2.15-2+b7", "5.2.37-2"));
  }

  @Test
  void compare_matchesImagesByStoreLayoutAndReportsOneSidedImages(@TempDir Path dir)
      throws IOException {
    write(dir.resolve("old/debian/13/packages.txt"), DPKG_OLD);
    write(dir.resolve("new/debian/13/packages.txt"), DPKG_NEW);
    write(dir.resolve("new/firewall/3.0-debian/packages.txt"), DPKG_NEW);
    Map<String, PackageDiff> diff = StoreDiff.compare(dir.resolve("old"), dir.resolve("new"));
    assertThat(diff.keySet()).containsExactly("debian/13", "firewall/3.0-debian");
    assertThat(diff.get("firewall/3.0-debian").added()).hasSize(3);
    assertThat(diff.get("debian/13").changed()).hasSize(1);
  }

  private static void write(Path p, String s) throws IOException {
    Files.createDirectories(p.getParent());
    Files.writeString(p, s);
  }
}
