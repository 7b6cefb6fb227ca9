package dev.osimages.engine.export.packages;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dep5LicensesTest {
  @Test
  void machineReadableFile_givesTheLicensesOfItsFilesParagraphs_inOrder() {
    String copyright =
        """
        Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
        Upstream-Name: acl

        Files:
         *
        Copyright: 2000 Someone
        License: GPL-2+
         This program is free software.

        Files: debian/*
        Copyright: 2009 Someone Else
        License: GPL-2+ or Artistic

        Files: lib/*
        License: BSD-3-clause and Expat

        License: Artistic
         The text of the Artistic license; a stand-alone paragraph adds no license.

        License: Unused-Elsewhere
         Only defined, never used by a Files paragraph.
        """;
    assertThat(Dep5Licenses.of(copyright))
        .containsExactly("GPL-2+", "Artistic", "BSD-3-clause", "Expat");
  }

  @Test
  void freeFormFile_statesNothingMachineReadable() {
    assertThat(Dep5Licenses.of("This is the Debian prepackaged version of GCC.\nGPL v3.\n"))
        .isEmpty();
  }
}
