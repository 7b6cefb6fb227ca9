package dev.osimages.engine.builder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osimages.engine.builder.BuildTraces.Action;
import org.junit.jupiter.api.Test;

class BuildTracesTest {
  @Test
  void logs_areEmptied_whenTheyHoldAnything() {
    assertThat(BuildTraces.of("/var/log/dpkg.log", 10)).contains(Action.EMPTY);
    assertThat(BuildTraces.of("/var/log/apt/history.log", 10)).contains(Action.EMPTY);
    assertThat(BuildTraces.of("/var/log/wtmp", 0)).isEmpty();
  }

  @Test
  void cachesAndBackups_areDropped() {
    assertThat(BuildTraces.of("/var/cache/ldconfig/aux-cache", 1)).contains(Action.DROP);
    assertThat(BuildTraces.of("/var/cache/debconf/config.dat-old", 1)).contains(Action.DROP);
    assertThat(BuildTraces.of("/var/lib/dpkg/status-old", 1)).contains(Action.DROP);
    assertThat(BuildTraces.of("/var/cache/apt/pkgcache.bin", 1)).contains(Action.DROP);
    assertThat(BuildTraces.of("/var/cache/man/de/index.db", 1)).contains(Action.DROP);
    assertThat(BuildTraces.of("/var/cache/fontconfig/x.cache-9", 1)).contains(Action.DROP);
    assertThat(BuildTraces.of("/var/lib/systemd/random-seed", 1)).contains(Action.DROP);
    assertThat(BuildTraces.of("/var/lib/systemd/credential.secret", 1)).contains(Action.DROP);
  }

  @Test
  void theDatabasesThemselves_stay() {
    assertThat(BuildTraces.of("/var/lib/dpkg/status", 1)).isEmpty();
    assertThat(BuildTraces.of("/var/cache/debconf/config.dat", 1)).isEmpty();
    assertThat(BuildTraces.of("/var/lib/dpkg/info/foo-old", 1)).isEmpty();
    assertThat(BuildTraces.of("/var/lib/apt/extended_states", 1)).isEmpty();
    assertThat(BuildTraces.of("/etc/ld.so.cache", 1)).isEmpty();
  }
}
