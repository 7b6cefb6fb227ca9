package dev.osimages.engine.export.packages;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DpkgListTest {
  private static final String STATUS =
      """
      Package: zlib1g
      Status: install ok installed
      Architecture: amd64
      Multi-Arch: same
      Version: 1:1.3.dfsg+really1.3.1-1+b1
      Description: compression library - runtime
       zlib is a library implementing the deflate compression method found
       in gzip and PKZIP.

      Package: dpkg
      Status: install ok installed
      Architecture: amd64
      Version: 1.22.21
      Description: Debian package management system

      Package: adduser
      Status: install ok installed
      Architecture: all
      Version: 3.152
      Description: add and remove users and groups

      Package: oldpkg
      Status: deinstall ok config-files
      Architecture: amd64
      Version: 1.0
      Description: removed but configured

      Package: purged
      Status: purge ok not-installed
      Architecture: amd64

      Package: foreign
      Status: hold reinstreq half-installed
      Architecture: i386
      Version: 2
      Description: a foreign one
      """;

  @Test
  void render_matchesDpkgListLayout() {
    PackageListing l = DpkgList.render(STATUS);
    assertThat(l.count()).isEqualTo(5);
    assertThat(l.text())
        .isEqualTo(
            """
            Desired=Unknown/Install/Remove/Purge/Hold
            | Status=Not/Inst/Conf-files/Unpacked/halF-conf/Half-inst/trig-aWait/Trig-pend
            |/ Err?=(none)/Reinst-required (Status,Err: uppercase=bad)
            ||/ Name           Version                     Architecture Description
            +++-==============-===========================-============-=================================
            ii  adduser        3.152                       all          add and remove users and groups
            ii  dpkg           1.22.21                     amd64        Debian package management system
            hHR foreign:i386   2                           i386         a foreign one
            rc  oldpkg         1.0                         amd64        removed but configured
            ii  zlib1g:amd64   1:1.3.dfsg+really1.3.1-1+b1 amd64        compression library - runtime
            """);
  }
}
