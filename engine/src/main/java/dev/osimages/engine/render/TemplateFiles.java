package dev.osimages.engine.render;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The files one template may read: the template itself and the partials in the {@code partials/}
 * directory beside it. Names shown to the operator are relative to the declaration's directory
 * ({@code templates/debian.Dockerfile.mustache}), with forward slashes; a template outside that
 * directory is shown by its absolute path.
 */
record TemplateFiles(Path template, Path baseDir, Path partialsDir) {

  static TemplateFiles of(Path template, Path baseDir) {
    Path base = baseDir.toAbsolutePath().normalize();
    Path file = base.resolve(template).normalize();
    return new TemplateFiles(file, base, file.getParent().resolve("partials"));
  }

  /** The template as messages show it. */
  String templateName() {
    return display(template);
  }

  /** The partials directory as messages show it. */
  String partialsShown() {
    return display(partialsDir) + "/";
  }

  /** The file of partial {@code name} (already checked to be a plain word). */
  Path partial(String name) {
    return partialsDir.resolve(name + ".mustache");
  }

  String display(Path file) {
    Path shown = file.startsWith(baseDir) ? baseDir.relativize(file) : file;
    return shown.toString().replace('\\', '/');
  }

  /**
   * Why partial {@code name} cannot be used (missing, not a regular file, or resolving outside the
   * partials directory through a symlink), or null when it can.
   */
  String checkPartial(String name) {
    Path file = partial(name);
    if (!Files.isRegularFile(file)) {
      return "no such partial: " + display(file);
    }
    try {
      // the partials directory itself may not be a symlink either: compare with the real
      // directory of the template plus "partials"
      Path realDir = template.getParent().toRealPath().resolve("partials");
      Path real = file.toRealPath();
      if (!real.startsWith(realDir)) {
        return display(file) + " resolves outside " + partialsShown() + " (to " + real + ")";
      }
      if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
        return display(file) + " is not a regular file";
      }
    } catch (IOException e) {
      return display(file) + ": " + e.getMessage();
    }
    return null;
  }
}
