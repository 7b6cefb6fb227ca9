package dev.osimages.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osimages.engine.NeedsRoot;
import dev.osimages.engine.cache.CacheEntry;
import dev.osimages.engine.cache.CacheInventory;
import dev.osimages.engine.state.StateDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code engine cache list|prune --max-size} and {@code output.cache} on a state directory the
 * engine built for real: the end-to-end declaration's trixie minbase ({@code mini/13}) and the
 * image derived from it ({@code tools/13}), with the chroot backend. The derived image's layers sit
 * on top of its base's chain, so a size bound trims them first and the base cell stays fully
 * cached; a run with {@code output.cache.maxSize} removes what it did not use and keeps what it
 * did.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CachePruneIT {
  @TempDir static Path work;
  static Path declaration;
  static StateDir state;

  @BeforeAll
  static void buildTwoCells() throws IOException {
    NeedsRoot.assume("the chroot backend");
    TestFiles.copyResources("e2e", work);
    declaration = work.resolve("images.yaml");
    state = new StateDir(work.resolve("state"));
    Cli r = cli("build", "mini/13", "tools/13", "-q", "-f", declaration.toString());
    assertThat(r.code()).as(r.out() + r.err()).isZero();
  }

  private static Cli cli(String... args) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--state-dir";
    all[args.length + 1] = state.root().toString();
    return Cli.run(all);
  }

  private static List<CacheEntry> only(String cell) {
    return new CacheInventory(state)
        .list().stream().filter(e -> e.cells().equals(List.of(cell))).toList();
  }

  @Test
  @Order(1)
  void list_showsEachEntrysCells_andTheTotal() {
    Cli r = cli("cache", "list");
    assertThat(r.code()).as(r.err()).isZero();
    List<CacheEntry> all = new CacheInventory(state).list();
    CacheEntry bootstrap =
        all.stream().filter(e -> e.kind().equals("base")).findFirst().orElseThrow();
    assertThat(bootstrap.cells()).containsExactly("mini/13", "tools/13");
    // The packages the bootstrap fetched through the archive proxy: entries both cells' records
    // use.
    assertThat(all)
        .filteredOn(e -> e.kind().equals("package"))
        .isNotEmpty()
        .allMatch(e -> e.cells().equals(List.of("mini/13", "tools/13")));
    assertThat(only("tools/13"))
        .extracting(CacheEntry::what)
        .contains("RUN echo 'tools' > /etc/tool");
    long total = all.stream().mapToLong(CacheEntry::bytes).sum();
    assertThat(r.out())
        .contains("mini/13,tools/13")
        .contains(all.size() + " entries, ")
        .contains("(" + total + " bytes)");
  }

  @Test
  @Order(2)
  void maxSize_trimsTheDerivedChainFromItsTip_andTheBaseCellStaysCached() {
    List<CacheEntry> toolsOnly = only("tools/13");
    long total = new CacheInventory(state).list().stream().mapToLong(CacheEntry::bytes).sum();

    Cli r = cli("cache", "prune", "--max-size", Long.toString(total - 1));

    assertThat(r.code()).as(r.out() + r.err()).isZero();
    Matcher m = Pattern.compile("removed (\\d+) entries").matcher(r.out());
    assertThat(m.find()).as(r.out()).isTrue();
    assertThat(Integer.parseInt(m.group(1))).isBetween(1, toolsOnly.size());
    assertThat(r.out()).contains("layers/");
    List<String> left = new CacheInventory(state).list().stream().map(CacheEntry::id).toList();
    // What went is the derived image's tip; its base's chain is whole, so mini/13 is all cached.
    assertThat(toolsOnly.stream().map(CacheEntry::id).filter(id -> !left.contains(id)).count())
        .isEqualTo(Long.parseLong(m.group(1)));
    Cli again = cli("build", "mini/13", "-f", declaration.toString());
    assertThat(again.code()).as(again.out() + again.err()).isZero();
    assertThat(again.out()).contains("CACHED").doesNotContain("DONE ");
  }

  @Test
  @Order(3)
  void run_withOutputCacheMaxSize_prunesAfterPublishing_keepingWhatItUsed()
      throws IOException, InterruptedException {
    String text = Files.readString(declaration);
    Files.writeString(
        declaration, text.replace("  tags: []\n", "  tags: []\n  cache: {maxSize: 1K}\n"));
    List<String> toolsOnly = only("tools/13").stream().map(CacheEntry::id).toList();
    assertThat(toolsOnly).isNotEmpty();
    // run holds what was used from one second before it started (file stamps can lag the clock);
    // on a fast machine the previous test stamped tools/13's entries within that second.
    Thread.sleep(1500);

    Cli r = cli("run", "--matrix", "-q", "--only", "mini/13", "-f", declaration.toString());

    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out())
        .contains("cache: removed ")
        .contains("cache: removed " + toolsOnly.size() + " entries");
    List<CacheEntry> left = new CacheInventory(state).list();
    assertThat(left).extracting(CacheEntry::id).doesNotContainAnyElementsOf(toolsOnly);
    // Above the bound: what the run itself used (the bootstrap and mini/13's layers) is kept.
    assertThat(left).isNotEmpty().allMatch(e -> e.cells().contains("mini/13"));
    Cli cached = cli("build", "mini/13", "-f", declaration.toString());
    assertThat(cached.out()).contains("CACHED").doesNotContain("DONE ");
  }
}
