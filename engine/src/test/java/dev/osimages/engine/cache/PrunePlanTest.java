package dev.osimages.engine.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PrunePlanTest {
  private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

  private static CacheEntry entry(String id, long bytes, int hoursAgo, String parent) {
    return new CacheEntry(
        id.startsWith("bases/") ? "base" : "layer",
        id,
        id,
        bytes,
        NOW.minus(Duration.ofHours(hoursAgo)),
        List.of(),
        Path.of("/state").resolve(id),
        Optional.ofNullable(parent));
  }

  private static List<String> ids(PrunePlan.Result r) {
    return r.removed().stream().map(CacheEntry::id).toList();
  }

  private static PrunePolicy maxSize(long bytes) {
    return new PrunePolicy(Optional.of(bytes), Optional.empty(), Optional.empty());
  }

  @Test
  void maxSize_removesLeastRecentlyUsedFirst_untilItFits() {
    List<CacheEntry> all =
        List.of(
            entry("downloads/a", 100, 50, null),
            entry("downloads/b", 100, 10, null),
            entry("downloads/c", 100, 30, null));

    PrunePlan.Result r = new PrunePlan(all).decide(maxSize(150), NOW);

    assertThat(ids(r)).containsExactly("downloads/a", "downloads/c");
    assertThat(r.freed()).isEqualTo(200);
    assertThat(r.remaining()).isEqualTo(100);
  }

  @Test
  void maxSize_alreadyFitting_removesNothing() {
    List<CacheEntry> all = List.of(entry("downloads/a", 100, 50, null));

    assertThat(new PrunePlan(all).decide(maxSize(100), NOW).removed()).isEmpty();
  }

  @Test
  void chain_aBaseIsAsRecentAsTheNewestLayerBuiltOnIt() {
    // The bootstrap itself was stamped long ago, but an image built on it an hour ago.
    List<CacheEntry> all =
        List.of(
            entry("bases/bootstrap", 300, 100, null),
            entry("layers/a", 200, 1, "bases/bootstrap"),
            entry("downloads/old", 10, 20, null));

    PrunePlan.Result r = new PrunePlan(all).decide(maxSize(500), NOW);

    assertThat(ids(r)).containsExactly("downloads/old");
  }

  @Test
  void chain_isTrimmedFromItsTip_keepingTheSharedBottom() {
    // One build: base, then three steps, all used at the same time.
    List<CacheEntry> all =
        List.of(
            entry("bases/b", 100, 5, null),
            entry("layers/1", 100, 5, "bases/b"),
            entry("layers/2", 100, 5, "layers/1"),
            entry("layers/3", 100, 5, "layers/2"));

    PrunePlan.Result r = new PrunePlan(all).decide(maxSize(250), NOW);

    assertThat(ids(r)).containsExactly("layers/3", "layers/2");
  }

  @Test
  void chain_removingALayerRemovesEverythingBuiltOnIt_leavesFirst() {
    // layers/old is the stale branch; layers/new was built on the same parent recently.
    List<CacheEntry> all =
        List.of(
            entry("bases/b", 100, 1, null),
            entry("layers/p", 100, 1, "bases/b"),
            entry("layers/old", 100, 48, "layers/p"),
            entry("layers/old-child", 100, 48, "layers/old"),
            entry("layers/new", 100, 1, "layers/p"));

    PrunePlan.Result r =
        new PrunePlan(all)
            .decide(
                new PrunePolicy(
                    Optional.empty(), Optional.of(Duration.ofDays(1)), Optional.empty()),
                NOW);

    assertThat(ids(r)).containsExactly("layers/old-child", "layers/old");
  }

  @Test
  void keepDaysAndMaxSize_combine_oldFirstThenBySize() {
    List<CacheEntry> all =
        List.of(
            entry("downloads/ancient", 10, 24 * 10, null),
            entry("downloads/a", 100, 5, null),
            entry("downloads/b", 100, 4, null),
            entry("downloads/c", 100, 3, null));

    PrunePlan.Result r =
        new PrunePlan(all)
            .decide(
                new PrunePolicy(
                    Optional.of(200L), Optional.of(Duration.ofDays(7)), Optional.empty()),
                NOW);

    assertThat(ids(r)).containsExactlyInAnyOrder("downloads/ancient", "downloads/a");
    assertThat(r.remaining()).isEqualTo(200);
  }

  @Test
  void held_entriesUsedByTheRunningEngine_stayEvenAboveTheBound() {
    // The running engine started 2 hours ago and used the chain below layers/mine.
    List<CacheEntry> all =
        List.of(
            entry("bases/b", 100, 200, null),
            entry("layers/mine", 100, 1, "bases/b"),
            entry("layers/other", 100, 30, "bases/b"));

    PrunePlan.Result r =
        new PrunePlan(all).decide(maxSize(0).holding(NOW.minus(Duration.ofHours(2))), NOW);

    assertThat(ids(r)).containsExactly("layers/other");
    assertThat(r.remaining()).isEqualTo(200);
  }

  @Test
  void noBound_removesEverythingNotHeld() {
    List<CacheEntry> all =
        List.of(entry("bases/b", 100, 200, null), entry("layers/x", 100, 100, "bases/b"));

    assertThat(ids(new PrunePlan(all).decide(PrunePolicy.ALL, NOW)))
        .containsExactly("layers/x", "bases/b");
  }

  @Test
  void damagedParentLoop_doesNotHang() {
    List<CacheEntry> all =
        List.of(entry("layers/a", 100, 5, "layers/b"), entry("layers/b", 100, 5, "layers/a"));

    assertThat(ids(new PrunePlan(all).decide(maxSize(0), NOW)))
        .containsExactlyInAnyOrder("layers/a", "layers/b");
  }
}
