package dev.osimages.engine.export.packages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osimages.engine.sbom.InstalledPackage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DpkgInventoryTest {
  private static final String STATUS =
      """
      Package: mawk
      Status: install ok installed
      Architecture: amd64
      Version: 1.3.4.20250131-1
      Provides: awk
      Depends: libc6 (>= 2.38)

      Package: libc6
      Status: install ok installed
      Architecture: amd64
      Multi-Arch: same
      Source: glibc
      Version: 2.41-12
      Depends: libgcc-s1

      Package: base-files
      Status: install ok installed
      Architecture: amd64
      Version: 13.8
      Pre-Depends: awk
      Depends: missing-thing | mawk:any (>= 1) [amd64] <!nocheck>, nothing-installed

      Package: libgcc-s1
      Status: install ok installed
      Architecture: amd64
      Source: gcc-14 (14.2.0-19)
      Version: 14.2.0-19

      Package: bash
      Status: install ok installed
      Architecture: amd64
      Source: bash (5.2.37-2)
      Version: 5.2.37-2+b10

      Package: oldconf
      Status: deinstall ok config-files
      Architecture: amd64
      Version: 1

      Package: gone
      Status: purge ok not-installed
      Architecture: amd64
      """;

  private static List<InstalledPackage> inventory() {
    return DpkgInventory.of(
        DpkgStatus.parse(STATUS), n -> n.equals("bash") ? List.of("GPL-3+") : List.of());
  }

  @Test
  void lists_exactlyWhatDpkgListLists_inItsOrder() {
    List<String> names = inventory().stream().map(InstalledPackage::name).toList();
    assertThat(names)
        .containsExactly("base-files", "bash", "libc6", "libgcc-s1", "mawk", "oldconf");
    assertThat(DpkgList.render(STATUS).count()).isEqualTo(names.size());
  }

  @Test
  void dependencies_resolveAlternativesAndVirtualPackages_toInstalledOnes() {
    Map<String, InstalledPackage> by = byName();
    // awk is provided by mawk; "missing-thing | mawk:any" takes the installed alternative.
    assertThat(by.get("base-files").dependsOn()).containsExactly("mawk:amd64");
    assertThat(by.get("mawk").dependsOn()).containsExactly("libc6:amd64");
    assertThat(by.get("libc6").dependsOn()).containsExactly("libgcc-s1:amd64");
  }

  @Test
  void source_isNamed_andItsVersionKeptOnlyWhenItDiffers() {
    Map<String, InstalledPackage> by = byName();
    assertThat(by.get("libc6").sourceName()).isEqualTo("glibc");
    assertThat(by.get("libc6").sourceVersion()).isEmpty();
    assertThat(by.get("bash").sourceVersion()).isEqualTo("5.2.37-2");
    assertThat(by.get("libgcc-s1").sourceVersion()).isEmpty();
    assertThat(by.get("mawk").sourceName()).isEqualTo("mawk");
    assertThat(by.get("bash").licenses()).containsExactly("GPL-3+");
    assertThat(by.get("oldconf").status()).isEqualTo("config-files");
    assertThat(by.get("bash").status()).isEmpty();
  }

  private static Map<String, InstalledPackage> byName() {
    Map<String, InstalledPackage> m = new java.util.HashMap<>();
    inventory().forEach(p -> m.put(p.name(), p));
    return m;
  }
}
