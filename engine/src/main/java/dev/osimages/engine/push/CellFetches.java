package dev.osimages.engine.push;

import dev.osimages.engine.event.EventListener;
import dev.osimages.engine.model.Cell;
import dev.osimages.engine.plan.Workspace;
import dev.osimages.engine.registry.RegistryClient;
import dev.osimages.engine.signing.VerifyingKey;
import dev.osimages.engine.state.StateDir;
import java.util.Optional;

/**
 * Fetches the sets of a loaded declaration's cells from where {@code engine push} put them (the
 * first reference of {@code output.registry}'s tags, or {@code --registry}), into the cells' own
 * store directories for the selected channel, so a store can be rebuilt on any machine.
 */
public final class CellFetches {
  private final Workspace.Loaded loaded;
  private final String prefixOverride;
  private final SetFetcher fetcher;

  public CellFetches(
      Workspace.Loaded loaded,
      String prefixOverride,
      RegistryClient registry,
      StateDir state,
      EventListener events) {
    this.loaded = loaded;
    this.prefixOverride = prefixOverride;
    this.fetcher = new SetFetcher(registry, state.tmp().resolve("fetch"), events);
  }

  /** Fails now, before any download, when there is no registry to fetch from. */
  public void checkSources() {
    loaded.plan().selected().forEach(p -> CellPushes.targets(loaded, p.cell(), prefixOverride));
  }

  /** Fetches the set of cell {@code id}; with {@code key}, only when signed by it. */
  public FetchResult fetch(String id, Optional<VerifyingKey> key) {
    Cell cell = loaded.plan().cell(id).orElseThrow().cell();
    return fetcher.fetch(
        id, CellPushes.targets(loaded, cell, prefixOverride).get(0), cell.outputDir(), key);
  }
}
