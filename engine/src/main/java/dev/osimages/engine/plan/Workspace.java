package dev.osimages.engine.plan;

import dev.osimages.engine.InvalidDeclarationException;
import dev.osimages.engine.declaration.DeclarationLoader;
import dev.osimages.engine.declaration.LoadedDeclaration;
import dev.osimages.engine.matrix.MatrixExpander;
import dev.osimages.engine.matrix.Selection;
import dev.osimages.engine.model.Cell;
import dev.osimages.engine.model.Channel;
import dev.osimages.engine.model.Declaration;
import dev.osimages.engine.model.Problem;
import dev.osimages.engine.model.Profile;
import dev.osimages.engine.model.SourcePosition;
import dev.osimages.engine.render.DockerfileRenderer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The front half of every command: load and check the declaration, expand the matrix, check the
 * templates against it, render and hash the selected cells. Every problem found on the way is
 * reported at once; warnings travel with the result.
 */
public final class Workspace {
  /**
   * What the command line adds: {@code --set} overrides, a channel (empty = the declaration's), the
   * {@code --only}/{@code --except} selection, and the {@code --profile} (empty = none).
   */
  public record Options(
      Map<String, String> overrides,
      Optional<Channel> channel,
      Selection selection,
      Optional<String> profile) {
    public static final Options DEFAULT =
        new Options(Map.of(), Optional.empty(), Selection.ALL, Optional.empty());

    public Options {
      overrides = Map.copyOf(overrides);
    }

    /** These options with another profile. */
    public Options withProfile(Optional<String> name) {
      return new Options(overrides, channel, selection, name);
    }
  }

  /**
   * A loaded, planned declaration. {@code cells} is the whole matrix; the plan the selection;
   * {@code profile} the one applied, if any.
   */
  public record Loaded(
      Declaration declaration,
      List<Cell> cells,
      Plan plan,
      Path storeRoot,
      List<Problem> warnings,
      Optional<Profile> profile) {
    public Loaded {
      cells = List.copyOf(cells);
      warnings = List.copyOf(warnings);
    }
  }

  private Workspace() {}

  /** Loads {@code file} (as the operator gave it) and plans it. */
  public static Loaded load(Path file, Options options) {
    LoadedDeclaration loaded = DeclarationLoader.load(file);
    Declaration d = loaded.declaration();
    Channel channel = options.channel().orElse(new Channel(d.output().channel()));
    Optional<Profile> profile = options.profile().map(name -> profile(d, file, name));
    // A profile's args rank below --set: both apply to every cell, after all declaration levels.
    Map<String, String> overrides = new LinkedHashMap<>();
    profile.ifPresent(p -> overrides.putAll(p.args()));
    overrides.putAll(options.overrides());
    MatrixExpander expander = new MatrixExpander(d, overrides, channel);
    List<Cell> cells = expander.expand();

    List<Problem> problems = new ArrayList<>(loaded.warnings());
    problems.addAll(new TemplateChecks(d, cells).run());
    List<String> unmatched = options.selection().unmatched(cells.stream().map(Cell::id).toList());
    for (String glob : unmatched) {
      problems.add(
          Problem.error(
              SourcePosition.unknown("--only"), "", "'" + glob + "' matches no cell of " + file));
    }
    if (problems.stream().anyMatch(p -> p.severity() == Problem.Severity.ERROR)) {
      throw new InvalidDeclarationException(problems);
    }

    Map<String, Cell> byId = new LinkedHashMap<>();
    cells.forEach(c -> byId.put(c.id(), c));
    DockerfileRenderer renderer = new DockerfileRenderer();
    Planner planner =
        new Planner(
            c -> renderer.render(c.template(), d.baseDir(), c.id(), RenderContexts.of(c, byId)),
            d.hygiene());
    Plan plan = planner.plan(cells, options.selection());
    problems.addAll(SourceWarnings.of(d, plan, profile));
    return new Loaded(d, cells, plan, expander.storeRoot(), problems, profile);
  }

  private static Profile profile(Declaration d, Path file, String name) {
    return d.profile(name)
        .orElseThrow(
            () ->
                new InvalidDeclarationException(
                    List.of(
                        Problem.error(
                            SourcePosition.unknown("--profile"),
                            "",
                            "'"
                                + name
                                + "' is not a profile of "
                                + file
                                + (d.profiles().isEmpty()
                                    ? " (it declares none)"
                                    : " (profiles: "
                                        + String.join(
                                            ", ", d.profiles().stream().map(Profile::name).toList())
                                        + ")")))));
  }
}
