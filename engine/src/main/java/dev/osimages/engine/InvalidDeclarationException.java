package dev.osimages.engine;

import dev.osimages.engine.model.Problem;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The declaration (or something it names) is invalid. Carries every problem found, sorted by
 * position, so the operator sees them all at once; exits with {@link ExitCode#INVALID}.
 */
public final class InvalidDeclarationException extends EngineException {
  private final List<Problem> problems;

  public InvalidDeclarationException(List<Problem> problems) {
    super(render(problems), ExitCode.INVALID);
    this.problems = problems.stream().sorted().toList();
  }

  /** All problems, sorted by position; includes the warnings found along the way. */
  public List<Problem> problems() {
    return problems;
  }

  private static String render(List<Problem> problems) {
    List<Problem> sorted = problems.stream().sorted().toList();
    long errors = sorted.stream().filter(p -> p.severity() == Problem.Severity.ERROR).count();
    return sorted.stream().map(Problem::format).collect(Collectors.joining("\n"))
        + "\n"
        + errors
        + (errors == 1 ? " error" : " errors")
        + "; nothing was written.";
  }
}
