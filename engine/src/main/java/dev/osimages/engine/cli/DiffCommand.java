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
      "Review a change. With --base REF: the cells added, removed or changed (input hash) between"
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

  static final class Mode {
    @Option(names = "--base", paramLabel = "GIT-REF", description = "Compare with this revision.")
    String base;

    @Option(
        names = "--packages",
        description = "Compare the packages.txt of two store directories given as OLD NEW.")
    boolean packages;
  }

  @Parameters(arity = "0..2", paramLabel = "DIR", description = "OLD and NEW with --packages.")
  List<Path> dirs = List.of();

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "text or markdown (ready to post on a pull request); default ${DEFAULT-VALUE}.")
  Format format;

  enum Format {
    text,
    markdown
  }

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (mode.packages) {
      if (dirs.size() != 2) {
        throw new EngineException(
            "diff --packages needs OLD and NEW directories", ExitCode.INVALID);
      }
      out.print(
          PackageReport.render(
              StoreDiff.compare(dirs.get(0), dirs.get(1)), format == Format.markdown));
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
