package dev.osimages.engine.push;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.event.EventListener;
import dev.osimages.engine.export.CheckedSets;
import dev.osimages.engine.host.HostCommand;
import dev.osimages.engine.model.Cell;
import dev.osimages.engine.model.Channel;
import dev.osimages.engine.model.Output;
import dev.osimages.engine.plan.PlannedCell;
import dev.osimages.engine.plan.Workspace;
import dev.osimages.engine.registry.RegistryAccess;
import dev.osimages.engine.registry.RegistryClient;
import dev.osimages.engine.signing.SigningKey;
import dev.osimages.engine.state.StateDir;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pushes the published sets of a loaded declaration's cells: the targets from {@code
 * output.registry} (or {@code --registry}), the compression it declares, the cell's rendered
 * Dockerfile for labels and environment, and the declaration's git commit as an annotation. With a
 * signing key each image is also signed and attested in cosign's layout.
 */
public final class CellPushes {
  private final Workspace.Loaded loaded;
  private final String prefixOverride;
  private final SetPusher pusher;
  private final Map<String, String> annotations;
  private final Optional<SigningKey> signingKey;

  public CellPushes(
      Workspace.Loaded loaded,
      String prefixOverride,
      RegistryClient registry,
      StateDir state,
      Optional<SigningKey> signingKey,
      EventListener events) {
    this.loaded = loaded;
    this.signingKey = signingKey;
    this.prefixOverride = prefixOverride;
    this.pusher =
        new SetPusher(
            registry,
            state.registry(),
            state.root().resolve("push"),
            new CheckedSets(state.checked()),
            events);
    this.annotations =
        gitCommit(loaded.declaration().file())
            .map(c -> Map.of("org.opencontainers.image.revision", c))
            .orElse(Map.of());
  }

  /** Fails now, before any build, when there is no registry to push to. */
  public void checkTargets() {
    loaded.plan().selected().forEach(p -> targets(p.cell()));
  }

  /** Pushes the published set of cell {@code id}. */
  public PushResult push(String id) {
    PlannedCell p = loaded.plan().cell(id).orElseThrow();
    Output.Registry reg = loaded.declaration().output().registry();
    return pusher.push(
        new PushRequest(
            id,
            p.cell().outputDir(),
            p.dockerfile(),
            targets(p.cell()),
            reg.compression(),
            RegistryAccess.DEFAULT_PLATFORM,
            annotations,
            signingKey));
  }

  private List<dev.osimages.engine.registry.ImageRef> targets(Cell cell) {
    return targets(loaded, cell, prefixOverride);
  }

  /** The references {@code cell} of {@code loaded} is pushed to. */
  static List<dev.osimages.engine.registry.ImageRef> targets(
      Workspace.Loaded loaded, Cell cell, String prefixOverride) {
    return PushTargets.of(
        cell, channelOf(loaded, cell), loaded.declaration().output().registry(), prefixOverride);
  }

  /** The channel a cell is published in: its directory less {@code <os>/<version>}. */
  private static Channel channelOf(Workspace.Loaded loaded, Cell cell) {
    Path rel = loaded.storeRoot().relativize(cell.outputDir());
    if (rel.getNameCount() < 3) {
      throw new EngineException(
          cell.id() + ": " + cell.outputDir() + " is not <store>/<channel>/<os>/<version>",
          ExitCode.INTERNAL);
    }
    int osParts = Path.of(cell.os()).getNameCount() + Path.of(cell.version()).getNameCount();
    return new Channel(rel.subpath(0, rel.getNameCount() - osParts).toString());
  }

  private static Optional<String> gitCommit(Path declaration) {
    Path dir = declaration.toAbsolutePath().getParent();
    StringBuilder out = new StringBuilder();
    try {
      HostCommand.Result r =
          HostCommand.run(
              List.of("git", "-C", dir.toString(), "rev-parse", "--verify", "-q", "HEAD"),
              null,
              Map.of(),
              l -> out.append(l));
      String c = out.toString().strip();
      return r.ok() && c.matches("[0-9a-f]{40,64}") ? Optional.of(c) : Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty(); // no git: the annotation is left out
    }
  }
}
