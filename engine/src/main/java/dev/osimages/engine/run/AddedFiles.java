package dev.osimages.engine.run;

import dev.osimages.engine.dockerfile.Dockerfile;
import dev.osimages.engine.dockerfile.DockerfileParser;
import dev.osimages.engine.dockerfile.Instruction;
import dev.osimages.engine.dockerfile.Stage;
import dev.osimages.engine.host.Digests;
import dev.osimages.engine.plan.ContextFiles;
import dev.osimages.engine.plan.PlannedCell;
import dev.osimages.engine.sbom.AddedFile;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The files a cell's templates put into its image from outside any package, for its SBOM: each
 * context file that a COPY or ADD of the final stage places (with where it lands), and each
 * download the declaration pins by checksum (an arg {@code X_URL} with its {@code X_SHA256}, the
 * convention of the shipped templates, which {@code ADD --checksum} such URLs or fetch them in RUN
 * steps; listed with URL and digest, not where they land). What the plan knows, not what the image
 * shows: a file a later step removes or changes is still listed as added.
 */
final class AddedFiles {
  private AddedFiles() {}

  static List<AddedFile> of(PlannedCell p, Path declarationDir) {
    List<AddedFile> out = new ArrayList<>();
    Dockerfile df = DockerfileParser.parse(p.cell().id() + "/Dockerfile", p.dockerfile());
    List<ContextFiles.Entry> context = ContextFiles.merged(p.cell().contexts());
    Stage last = df.stages().get(df.stages().size() - 1);
    for (Instruction i : last.instructions()) {
      if (i instanceof Instruction.Copy c && c.from().isEmpty() && c.words().size() >= 2) {
        String dest = c.words().get(c.words().size() - 1);
        for (String src : c.words().subList(0, c.words().size() - 1)) {
          copied(src, dest, context, declarationDir, out);
        }
      }
    }
    for (Map.Entry<String, String> arg : p.cell().args().entrySet()) {
      String name = arg.getKey();
      if (name.endsWith("_URL") && !arg.getValue().isBlank()) {
        String sha =
            p.cell().args().getOrDefault(name.substring(0, name.length() - 4) + "_SHA256", "");
        if (sha.matches("[0-9a-f]{64}")) {
          out.add(new AddedFile("", sha, name, Optional.of(arg.getValue())));
        }
      }
    }
    return out;
  }

  private static void copied(
      String rawSource,
      String dest,
      List<ContextFiles.Entry> context,
      Path base,
      List<AddedFile> out) {
    String src = rawSource.replaceAll("^(\\./|/)+", "").replaceAll("/+$", "");
    PathMatcher glob =
        FileSystems.getDefault().getPathMatcher("glob:" + (src.isEmpty() ? "**" : src));
    for (ContextFiles.Entry e : context) {
      if (!e.kind().equals("file")) {
        continue;
      }
      String rel = e.relativePath();
      String landing;
      if (src.isEmpty() || rel.startsWith(src + "/")) {
        landing = join(dest, src.isEmpty() ? rel : rel.substring(src.length() + 1));
      } else if (rel.equals(src) || glob.matches(Path.of(rel))) {
        String name = Path.of(rel).getFileName().toString();
        landing = dest.endsWith("/") || !rel.equals(src) ? join(dest, name) : dest;
      } else {
        continue;
      }
      out.add(
          new AddedFile(
              landing.startsWith("/") ? landing : "/" + landing,
              Digests.ofFile(e.file()),
              relative(base, e.file()),
              Optional.empty()));
    }
  }

  private static String join(String dir, String name) {
    return dir.endsWith("/") ? dir + name : dir + "/" + name;
  }

  private static String relative(Path base, Path file) {
    Path f = file.toAbsolutePath().normalize();
    Path b = base.toAbsolutePath().normalize();
    return f.startsWith(b) ? b.relativize(f).toString() : f.toString();
  }
}
