package dev.osimages.engine.builder.docker;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.builder.BuildRequest;
import dev.osimages.engine.dockerfile.Dockerfile;
import dev.osimages.engine.dockerfile.Instruction;
import dev.osimages.engine.dockerfile.Stage;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What the daemon's classic builder (the {@code /build} API without BuildKit) cannot do, found
 * before anything is sent to it: {@code RUN --mount}, here-documents, {@code ADD --checksum} and
 * named contexts. Each is refused in one line naming the cell, the Dockerfile line and the feature,
 * and pointing at the chroot backend, which supports them; the classic builder would otherwise fail
 * late with its own words or, for a here-document, run something else than written.
 */
final class ClassicBuilderLimits {
  private ClassicBuilderLimits() {}

  /** Fails on the first construct of {@code df} or {@code req} the classic builder lacks. */
  static void check(BuildRequest req, Dockerfile df) {
    if (!req.namedContexts().isEmpty()) {
      throw refused(
          req.cell()
              + ": named contexts ("
              + String.join(", ", new TreeSet<>(req.namedContexts().keySet()))
              + ")");
    }
    for (Stage st : df.stages()) {
      for (Instruction i : st.instructions()) {
        feature(i)
            .ifPresent(
                f -> {
                  throw refused(req.cell() + ": " + df.at(i.line()) + ": " + f);
                });
      }
    }
  }

  private static Optional<String> feature(Instruction i) {
    if (i instanceof Instruction.Run r) {
      if (!r.mounts().isEmpty()) {
        return Optional.of("RUN --mount");
      }
      if (!r.heredocs().isEmpty()) {
        return Optional.of("a here-document in RUN");
      }
    } else if (i instanceof Instruction.Copy c) {
      if (c.checksum().isPresent()) {
        return Optional.of("ADD --checksum");
      }
      if (!c.heredocs().isEmpty()) {
        return Optional.of("a here-document in " + c.keyword());
      }
    }
    return Optional.empty();
  }

  private static EngineException refused(String what) {
    return new EngineException(
        what
            + " is not supported by the Docker backend (the daemon's classic builder);"
            + " --backend chroot supports it",
        ExitCode.INVALID);
  }
}
