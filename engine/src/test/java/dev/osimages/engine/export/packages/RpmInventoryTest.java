package dev.osimages.engine.export.packages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osimages.engine.sbom.InstalledPackage;
import java.util.List;
import org.junit.jupiter.api.Test;

class RpmInventoryTest {
  @Test
  void parse_resolvesCapabilitiesAndFiles_andSplitsTheLicenseTag() {
    String out =
        "@bash\t(none)\t5.1.8\t9.el9\tx86_64\tbash-5.1.8-9.el9.src.rpm\tGPLv3+\n"
            + "Rrpmlib(CompressedFileNames)\nRlibc.so.6()(64bit)\nR/usr/bin/sh\nPbash\nF/usr/bin/bash\nF/usr/bin/sh\n"
            + "@glibc\t(none)\t2.34\t100.el9\tx86_64\tglibc-2.34-100.el9.src.rpm\tLGPLv2+ and LGPLv2+ with exceptions and GPLv2+ and (MIT or BSD)\n"
            + "Plibc.so.6()(64bit)\nF/usr/lib64/libc.so.6\n"
            + "@shadow-utils\t2\t4.9\t8.el9\tx86_64\tshadow-utils-4.9-8.el9.src.rpm\tBSD\n"
            + "Rglibc\n";
    List<InstalledPackage> ps = RpmInventory.parse(out);
    assertThat(ps)
        .extracting(InstalledPackage::name)
        .containsExactly("bash", "glibc", "shadow-utils");
    assertThat(ps.get(0).dependsOn()).containsExactly("glibc:x86_64");
    assertThat(ps.get(0).version()).isEqualTo("5.1.8-9.el9");
    assertThat(ps.get(0).epoch()).isEmpty();
    assertThat(ps.get(0).sourceName()).isEqualTo("bash");
    assertThat(ps.get(1).licenses())
        .containsExactly("LGPLv2+", "LGPLv2+ with exceptions", "GPLv2+", "MIT", "BSD");
    assertThat(ps.get(2).epoch()).isEqualTo("2");
    assertThat(ps.get(2).dependsOn()).containsExactly("glibc:x86_64");
  }
}
