package dev.osimages.engine.builder.chroot;

import dev.osimages.engine.builder.BuildSecret;
import dev.osimages.engine.dockerfile.RunMount;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans {@code RUN --mount=type=secret}: the secret's source from the request (a file or a
 * variable, never its value), as a read-only file at its target and/or a variable of the command.
 * An absent optional secret is skipped as BuildKit skips it; an absent required one, or a declared
 * source that is not there, is the user's to fix.
 */
final class SecretMounts {
  private SecretMounts() {}

  static List<RunMounts.Planned> plan(
      BuildSession s, RunMount m, LayerStack view, StageState st, RunMounts.Problems fail) {
    BuildSecret source = s.secrets.get(m.id());
    if (source == null) {
      if (m.required()) {
        throw fail.invalid(
            "secret '"
                + m.id()
                + "' is required but not given (engine build --secret id="
                + m.id()
                + ",src=FILE, or secrets: in images.yaml)");
      }
      return List.of(); // BuildKit skips an optional secret that is not there
    }
    available(m.id(), source, fail);
    List<RunMounts.Planned> out = new ArrayList<>();
    m.env().ifPresent(v -> out.add(new RunMounts.SecretEnv("", v, source)));
    if (!m.target().isEmpty()) {
      out.add(new RunMounts.SecretFile(RunMounts.target(m.target(), st, view, fail), source, m));
    }
    return out;
  }

  /** A secret's source must be there when the step runs; a missing one is the user's to fix. */
  private static void available(String id, BuildSecret source, RunMounts.Problems fail) {
    if (source instanceof BuildSecret.FromFile f
        && !(Files.isRegularFile(f.file()) && Files.isReadable(f.file()))) {
      throw fail.invalid(
          "secret '" + id + "': " + source.describe() + " not found or not readable");
    }
    if (source instanceof BuildSecret.FromEnv e && System.getenv(e.variable()) == null) {
      throw fail.invalid("secret '" + id + "': " + source.describe() + " is not set");
    }
  }
}
