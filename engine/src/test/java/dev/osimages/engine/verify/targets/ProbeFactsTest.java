package dev.osimages.engine.verify.targets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ProbeFactsTest {
  private static String rec(String key, String field, String value) {
    return "F\t"
        + key
        + "\t"
        + field
        + "\t"
        + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))
        + "\n";
  }

  @Test
  void probeOutput_takesLastCompleteRound_ignoringConsoleNoise() {
    String text =
        "noise\nBEGIN\n"
            + rec("0", "exists", "0")
            + "END\n[ 1.2] kernel\nBEGIN\n"
            + rec("0", "exists", "1")
            + "END\nBEGIN\n"
            + rec("0", "exists", "x");
    assertThat(ProbeOutput.parseLast(text).orElseThrow().get(0, "exists")).isEqualTo("1");
  }

  @Test
  void probeOutput_fromASerialPort_dropsCarriageReturns_andSkipsGarbledRecords() {
    String text =
        "BEGIN\r\nR\t0\texists\t1\r\n"
            + "F\t0\tcontents\t%%%not base64\r\n"
            + "R\t1\tonly three fields\r\n"
            + rec("1", "exists", "0").replace("\n", "\r\n")
            + "END\r\n";
    ProbeOutput out = ProbeOutput.parseLast(text.replace("\r", "")).orElseThrow();
    assertThat(out.get(0, "exists")).isEqualTo("1");
    assertThat(out.get(0, "contents")).as("garbled: left missing").isNull();
    assertThat(out.get(1, "exists")).isEqualTo("0");
    assertThat(ProbeOutput.parse(text, true).get(0, "exists"))
        .as("a record's own \\r is dropped too")
        .isEqualTo("1");
  }

  @Test
  void probeOutput_withoutACompleteRound_isEmpty() {
    assertThat(ProbeOutput.parseLast("noise\nBEGIN\nR\t0\texists\t1\n")).isEmpty();
  }

  @Test
  void file_modeIsFourDigitOctal_andTypesAreGossNames() throws Exception {
    ProbeOutput out =
        ProbeOutput.parse(
            rec("0", "exists", "1")
                + rec("0", "stat", "81a4 10 0 0\n")
                + rec("G", "passwd", "root:x:0:0:root:/root:/bin/bash\n"),
            true);
    assertThat(FileFacts.actual(out, 0, "mode", "/x")).isEqualTo("0644");
    assertThat(FileFacts.actual(out, 0, "filetype", "/x")).isEqualTo("file");
    assertThat(FileFacts.actual(out, 0, "owner", "/x")).isEqualTo("root");
    assertThat(FileFacts.filetype(0120777)).isEqualTo("symlink");
    assertThat(FileFacts.filetype(040755)).isEqualTo("directory");
  }

  @Test
  void user_groupsAreSortedPrimaryAndMemberships() throws Exception {
    ProbeOutput out =
        ProbeOutput.parse(
            rec("G", "passwd", "alice:x:1000:1000::/home/alice:/bin/sh\n")
                + rec(
                    "G",
                    "group",
                    "zed:x:5:alice\nalice:x:1000:\nadm:x:4:bob,alice\nother:x:9:bob\n"),
            true);
    assertThat(AccountFacts.user(out, "alice", "groups"))
        .isEqualTo(java.util.List.of("adm", "alice", "zed"));
  }

  @Test
  void dpkg_installedMeansInstallOrHoldOkInstalled() throws Exception {
    ProbeOutput out =
        ProbeOutput.parse(
            rec(
                "G",
                "dpkg",
                "a\ta\tdeinstall ok config-files\t1.0\n" + "b:amd64\tb\thold ok installed\t2.0\n"),
            true);
    assertThat(PackageFacts.actual(out, 0, "installed", "a")).isEqualTo(false);
    assertThat(PackageFacts.actual(out, 1, "installed", "b")).isEqualTo(true);
    assertThat(PackageFacts.actual(out, 1, "versions", "b")).isEqualTo(java.util.List.of("2.0"));
  }

  @Test
  void ports_decodeKernelAddresses() {
    String tcp = "  sl  local_address rem_address   st\n   0: 0100007F:0016 00000000:0000 0A\n";
    String tcp6 = "  sl  local\n   0: 00000000000000000000000000000000:0016 000:0000 0A\n";
    ProbeOutput out = ProbeOutput.parse(rec("G", "tcp", tcp) + rec("G", "tcp6", tcp6), true);
    assertThat(PortFacts.actual(out, "tcp:22", "listening")).isEqualTo(true);
    assertThat(PortFacts.actual(out, "tcp:22", "ip")).isEqualTo(java.util.List.of("127.0.0.1"));
    assertThat(PortFacts.actual(out, "tcp6:22", "ip")).isEqualTo(java.util.List.of("::"));
    assertThat(PortFacts.actual(out, "udp:53", "listening")).isEqualTo(false);
  }
}
