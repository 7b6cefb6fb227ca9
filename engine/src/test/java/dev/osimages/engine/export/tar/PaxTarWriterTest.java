package dev.osimages.engine.export.tar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PaxTarWriterTest {
  private static TarEntry file(String name, Map<String, byte[]> xattrs) {
    return new TarEntry(
        name, TarEntry.Type.FILE, 0644, 0, 0, "root", "root", 0, 0, "", 0, 0, xattrs);
  }

  @Test
  void paxRecords_keepBinaryXattrValuesByteForByte() {
    byte[] cap = {1, 0, 0, 2, (byte) 0x80, 0x20, 0, 0, (byte) 0xff};
    byte[] pax =
        PaxTarWriter.paxRecords(file("./usr/bin/ping", Map.of("security.capability", cap)));
    byte[] prefix = "46 SCHILY.xattr.security.capability=".getBytes(StandardCharsets.US_ASCII);
    assertThat(pax).hasSize(46);
    assertThat(java.util.Arrays.copyOf(pax, prefix.length)).isEqualTo(prefix);
    assertThat(java.util.Arrays.copyOfRange(pax, prefix.length, prefix.length + cap.length))
        .isEqualTo(cap);
    assertThat(pax[pax.length - 1]).isEqualTo((byte) '\n');
  }

  @Test
  void paxRecords_areEmpty_whenTheHeaderSuffices() {
    assertThat(PaxTarWriter.paxRecords(file("./etc/passwd", Map.of()))).isEmpty();
  }

  @Test
  void paxRecords_carryLongAndNonAsciiPaths() {
    String longName = "./" + "d/".repeat(60) + "f";
    assertThat(
            new String(PaxTarWriter.paxRecords(file(longName, Map.of())), StandardCharsets.UTF_8))
        .isEqualTo("133 path=" + longName + "\n");
    assertThat(
            new String(
                PaxTarWriter.paxRecords(file("./caf\u00e9", Map.of())), StandardCharsets.UTF_8))
        .isEqualTo("16 path=./caf\u00e9\n");
  }
}
