package dev.osimages.engine.cli;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.InvalidDeclarationException;
import dev.osimages.engine.model.Problem;
import dev.osimages.engine.plan.Workspace;
import dev.osimages.engine.review.CellChange;
import dev.osimages.engine.review.DiffReport;
import dev.osimages.engine.review.GitRevision;
import dev.osimages.engine.review.PackageDiff;
import dev.osimages.engine.review.PlanDiff;
import dev.osimages.engine.review.StoreDiff;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code engine diff}: what a change does to every image, for review. */
@Command(
    name = "diff",
    description = {
      "Review a change: what it does to every image, or to the packages of published images.",
      "With --base REF: the cells added, removed or changed (input hash) between"
          + " REF and the work tree, the args that changed, and unified diffs of each changed"
          + " cell's rendered Dockerfile and goss suites.",
      "With --packages OLD NEW: the packages added, removed and upgraded per image between two"
          + " published artifact sets (store directories such as out/images/stable)."
    })
final class DiffCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Mixin ProfileOption profile;

  @ArgGroup(multiplicity = "1")
  Mode mode;

  /** Review a declaration change, or compare two stores' package lists: never both. */
  static final class Mode {
    @Option(
        names = "--base",
        paramLabel = "GIT-REF",
        description = "Compare the work tree's declaration with this revision's.")
    String base;

    @ArgGroup(exclusive = false, multiplicity = "1")
    Packages packages;
  }

  /** {@code --packages OLD NEW}. */
  static final class Packages {
    @Option(
        names = "--packages",
        required = true,
        description = "Compare the packages.txt files of two store directories.")
    boolean on;

    @Parameters(index = "0", paramLabel = "OLD", description = "With --packages: the old store.")
    Path old;

    @Parameters(
        index = "1",
        paramLabel = "NEW",
        description = "With --packages: the new store, e.g. out/images/stable.")
    Path now;
  }

  @Option(
      names = "--format",
      defaultValue = "text",
      paramLabel = "FORMAT",
      description =
          "${COMPLETION-CANDIDATES}; markdown is ready to post on a pull request (default:"
              + " ${DEFAULT-VALUE}).")
  Format format;

  enum Format {
    text,
    markdown
  }

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (mode.packages != null) {
      out.print(
          PackageReport.render(
              StoreDiff.compare(mode.packages.old, mode.packages.now), format == Format.markdown));
      out.flush();
      return ExitCode.OK.code();
    }
    Workspace.Options options = Workspace.Options.DEFAULT.withProfile(profile.name());
    Workspace.Loaded head = Workspace.load(common.file(), options);
    Warnings.print(spec.commandLine().getErr(), head.warnings());
    List<CellChange> changes;
    try (GitRevision rev = GitRevision.extract(common.file(), mode.base)) {
      Workspace.Loaded base = loadBase(rev, options);
      head.profile()
          .ifPresent(
              p ->
                  out.printf(
                      "profile %s (%s)%s%n",
                      p.name(),
                      p.description(),
                      base.profile().isPresent()
                          ? ""
                          : "; " + mode.base + " does not declare it: its cells have no profile"));
      changes =
          PlanDiff.between(
              base.plan(), base.declaration().baseDir(), head.plan(), head.declaration().baseDir());
    } catch (IOException e) {
      throw new EngineException(
          "diff --base " + mode.base + ": " + e.getMessage(), ExitCode.FAILED, e);
    }
    out.print(
        format == Format.markdown
            ? DiffReport.markdown(changes, mode.base)
            : DiffReport.text(changes, mode.base));
    out.flush();
    return ExitCode.OK.code();
  }

  private Workspace.Loaded loadBase(GitRevision rev, Workspace.Options options) {
    try {
      return Workspace.load(rev.declaration(), options);
    } catch (InvalidDeclarationException e) {
      if (options.profile().isPresent() && onlyTheProfileIsUnknown(e)) {
        // a profile introduced by this change: the base is planned as it was, without one
        return loadBase(rev, options.withProfile(Optional.empty()));
      }
      throw new EngineException(
          "the declaration at "
              + mode.base
              + " is invalid (fix or pick another base):\n"
              + e.getMessage().replace(rev.root().toString() + "/", ""),
          ExitCode.INVALID,
          e);
    }
  }

  private static boolean onlyTheProfileIsUnknown(InvalidDeclarationException e) {
    return e.problems().stream()
        .filter(p -> p.severity() == Problem.Severity.ERROR)
        .allMatch(p -> p.position().file().equals("--profile"));
  }

  /** Per-image package changes as text or Markdown. */
  static final class PackageReport {
    private PackageReport() {}

    static String render(Map<String, PackageDiff> diffs, boolean markdown) {
      StringBuilder s = new StringBuilder();
      diffs.forEach(
          (id, d) -> {
            if (d.isEmpty()) {
              return;
            }
            s.append(markdown ? "#### `" + id + "`\n\n" : id + "\n");
            d.added()
                .forEach(
                    p ->
                        s.append(markdown ? "- added `" : "  + ")
                            .append(p)
                            .append(markdown ? "`\n" : "\n"));
            d.removed()
                .forEach(
                    p ->
                        s.append(markdown ? "- removed `" : "  - ")
                            .append(p)
                            .append(markdown ? "`\n" : "\n"));
            d.changed()
                .forEach(
                    c ->
                        s.append(markdown ? "- upgraded `" : "  ~ ")
                            .append(c.name())
                            .append(" ")
                            .append(c.from())
                            .append(" -> ")
                            .append(c.to())
                            .append(markdown ? "`\n" : "\n"));
            if (markdown) {
              s.append("\n");
            }
          });
      return s.length() == 0 ? "No package changes.\n" : s.toString();
    }
  }
}
