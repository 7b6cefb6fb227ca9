package dev.osimages.engine.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class HostCommandCaptureTest {
  @Test
  @Timeout(30)
  void capture_toolThatFloodsStderrBeforeItsOutput_neverBlocks() {
    // 4 MiB of messages first: far more than a pipe holds (64 KiB), so reading stdout to its end
    // while stderr sat in a second pipe would hang here.
    HostCommand.Captured r =
        HostCommand.capture(
            List.of("sh", "-c", "head -c 4194304 /dev/zero | tr '\\\\0' x >&2; echo data"), null);

    assertThat(r.ok()).isTrue();
    assertThat(r.stdout()).isEqualTo("data\n");
    assertThat(r.stderr()).hasSize(4 << 20);
  }

  @Test
  void capture_failingTool_keepsItsExitCodeAndMessagesApartFromItsOutput() {
    HostCommand.Captured r =
        HostCommand.capture(
            List.of("sh", "-c", "echo partial; echo 'fatal: bad ref' >&2; exit 128"), null);

    assertThat(r.exitCode()).isEqualTo(128);
    assertThat(r.stdout()).isEqualTo("partial\n");
    assertThat(r.stderr()).isEqualTo("fatal: bad ref\n");
  }

  @Test
  void capture_runsInTheGivenDirectory() throws Exception {
    Path dir = Files.createTempDirectory("engine-capture-");
    try {
      assertThat(HostCommand.capture(List.of("pwd"), dir).stdout().strip())
          .isEqualTo(dir.toRealPath().toString());
    } finally {
      Trees.delete(dir);
    }
  }
}
