package dev.osimages.engine.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osimages.engine.state.StateDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The package cache of pinned builds ({@code packages/} in the state directory) as {@code engine
 * cache list|prune} see it: one entry per stored file, last used when its stamp says, the download
 * area left alone.
 */
class PackageCacheEntriesTest {
  @TempDir Path dir;

  @Test
  void packageFiles_areListedAndPrunedOneByOne_leastRecentlyUsedFirst() throws Exception {
    StateDir state = new StateDir(dir.resolve("state"));
    Path packages = state.root().resolve("packages");
    Path old = write(packages.resolve("debs/less_668-1_amd64.deb"), 3000, Duration.ofDays(30));
    Path index = write(packages.resolve("files/" + "a".repeat(64)), 9000, Duration.ofDays(2));
    write(packages.resolve("tmp/fetch-1.part"), 100, Duration.ZERO);

    List<CacheEntry> all = new CacheInventory(state).list();
    assertThat(all)
        .extracting(CacheEntry::kind, CacheEntry::id)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("package", "packages/debs/less_668-1_amd64.deb"),
            org.assertj.core.groups.Tuple.tuple(
                "archive-file", "packages/files/" + "a".repeat(64)));
    assertThat(all.get(0).what()).isEqualTo("less_668-1_amd64.deb");
    assertThat(all.get(0).bytes()).isPositive();

    PrunePlan.Result r =
        new CachePruner(state)
            .prune(
                new PrunePolicy(
                    Optional.empty(), Optional.of(Duration.ofDays(7)), Optional.empty()));
    assertThat(r.removed())
        .extracting(CacheEntry::id)
        .containsExactly("packages/debs/less_668-1_amd64.deb");
    assertThat(old).doesNotExist();
    assertThat(index).exists();
    assertThat(packages.resolve("tmp/fetch-1.part")).exists();
  }

  private static Path write(Path p, int size, Duration age) throws Exception {
    Files.createDirectories(p.getParent());
    Files.write(p, new byte[size]);
    Files.setLastModifiedTime(p, FileTime.from(Instant.now().minus(age)));
    return p;
  }
}
