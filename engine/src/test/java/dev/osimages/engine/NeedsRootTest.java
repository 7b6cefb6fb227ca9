package dev.osimages.engine;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class NeedsRootTest {
  @Test
  void anotherUser_isSkippedWithTheReason() {
    assertThatThrownBy(() -> NeedsRoot.assume(1000, "mount a tmpfs"))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("skipped: needs root (mount a tmpfs); this process runs as uid 1000");
  }

  @Test
  void root_runs() {
    assertThatCode(() -> NeedsRoot.assume(0, "anything")).doesNotThrowAnyException();
  }
}
