package dev.osimages.engine.export.tar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

class TarStreamReaderTest {
  private static final byte[] CAP = {1, 0, 0, 2, (byte) 0x80, 0x20, 0, 0, (byte) 0xff};

  @Test
  void readsBackWhatPaxTarWriterWrote_includingBinaryXattrsAndLongNames() throws IOException {
    String longName = "./usr/" + "x".repeat(150) + "/file";
    List<TarEntry> written =
        List.of(
            new TarEntry(
                "./",
                TarEntry.Type.DIRECTORY,
                0755,
                0,
                0,
                "root",
                "root",
                5,
                0,
                "",
                0,
                0,
                Map.of()),
            new TarEntry(
                "./usr/bin/ping",
                TarEntry.Type.FILE,
                04755,
                0,
                0,
                "root",
                "root",
                7,
                3,
                "",
                0,
                0,
                Map.of("security.capability", CAP)),
            new TarEntry(
                longName,
                TarEntry.Type.FILE,
                0600,
                1234,
                5678,
                "alice",
                "staff2",
                9,
                0,
                "",
                0,
                0,
                Map.of()),
            new TarEntry(
                "./usr/bin/pong",
                TarEntry.Type.HARDLINK,
                04755,
                0,
                0,
                "root",
                "root",
                7,
                0,
                "./usr/bin/ping",
                0,
                0,
                Map.of()),
            new TarEntry(
                "./dev/null",
                TarEntry.Type.CHAR_DEVICE,
                0666,
                0,
                0,
                "root",
                "root",
                1,
                0,
                "",
                1,
                3,
                Map.of()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (PaxTarWriter w = new PaxTarWriter(out)) {
      for (TarEntry e : written) {
        w.write(e, new ByteArrayInputStream("abc".getBytes(StandardCharsets.US_ASCII)));
      }
    }
    TarStreamReader r = new TarStreamReader(new ByteArrayInputStream(out.toByteArray()));
    List<TarEntry> read = new ArrayList<>();
    List<String> contents = new ArrayList<>();
    for (TarEntry e = r.next(); e != null; e = r.next()) {
      read.add(e);
      contents.add(new String(r.content().readAllBytes(), StandardCharsets.US_ASCII));
    }
    assertThat(read).hasSize(written.size());
    for (int i = 0; i < read.size(); i++) {
      TarEntry a = read.get(i);
      TarEntry b = written.get(i);
      assertThat(a.withMtime(0))
          .usingRecursiveComparison()
          .ignoringFields("xattrs")
          .isEqualTo(b.withMtime(0));
      assertThat(a.mtime()).isEqualTo(b.mtime());
      assertThat(a.xattrs().keySet()).isEqualTo(b.xattrs().keySet());
    }
    assertThat(read.get(1).xattrs().get("security.capability")).isEqualTo(CAP);
    assertThat(contents.get(1)).isEqualTo("abc");
  }

  @Test
  void memberLeavingTheRoot_isRefused_namingIt() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream t = new TarArchiveOutputStream(out)) {
      TarArchiveEntry e = new TarArchiveEntry("usr/../../etc/cron.d/evil");
      e.setSize(0);
      t.putArchiveEntry(e);
      t.closeArchiveEntry();
    }
    InputStream in = new ByteArrayInputStream(out.toByteArray());
    assertThatThrownBy(() -> new TarStreamReader(in).next())
        .hasMessageContaining("'usr/../../etc/cron.d/evil' leaves the image root");
  }

  @Test
  void truncatedStream_isAnError_notAShortImage() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (PaxTarWriter w = new PaxTarWriter(out)) {
      w.write(
          new TarEntry(
              "./etc/", TarEntry.Type.DIRECTORY, 0755, 0, 0, "", "", 0, 0, "", 0, 0, Map.of()),
          InputStream.nullInputStream());
    }
    byte[] cut = java.util.Arrays.copyOf(out.toByteArray(), 512);
    TarStreamReader r = new TarStreamReader(new ByteArrayInputStream(cut));
    assertThat(r.next()).isNotNull();
    assertThatThrownBy(r::next).hasMessageContaining("without an end-of-archive marker");
    assertThatThrownBy(() -> new TarStreamReader(InputStream.nullInputStream()).next())
        .hasMessageContaining("at byte 0 without an end-of-archive marker");
  }

  @Test
  void garbage_isNotATarStream() {
    byte[] junk = new byte[1024];
    java.util.Arrays.fill(junk, (byte) 'x');
    assertThatThrownBy(() -> new TarStreamReader(new ByteArrayInputStream(junk)).next())
        .hasMessageContaining("tar header at byte 0");
  }
}
