package dev.osimages.engine.base;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.model.Base;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The command-line form of a base: {@code DIR}, {@code FILE.tar[.gz|.xz|...]}, {@code oci:DIR} or
 * {@code bootstrap:SUITE[:VARIANT[:PKG,PKG...]]} (variant defaults to minbase, components to main,
 * the mirror to mmdebstrap's default).
 */
public final class BaseArgument {
  private BaseArgument() {}

  /** Parses {@code spec}; {@code what} names the option in errors (e.g. "--base debian:13"). */
  public static Base parse(String spec, String what) {
    if (spec.startsWith("bootstrap:")) {
      String[] p = spec.substring("bootstrap:".length()).split(":", -1);
      if (p[0].isEmpty() || p.length > 3) {
        throw invalid(what, spec);
      }
      String variant = p.length > 1 && !p[1].isEmpty() ? p[1] : "minbase";
      List<String> pkgs =
          p.length > 2 && !p[2].isEmpty() ? Arrays.asList(p[2].split(",")) : List.of();
      return new Base.Bootstrap(p[0], variant, List.of("main"), pkgs, Optional.empty());
    }
    if (spec.startsWith("oci:")) {
      return new Base.OciLayout(Path.of(spec.substring(4)).toAbsolutePath());
    }
    Path p = Path.of(spec).toAbsolutePath();
    if (Files.isDirectory(p)) {
      return new Base.RootfsDir(p);
    }
    if (Files.isRegularFile(p)) {
      return new Base.RootfsTarball(p);
    }
    throw new EngineException(
        what + ": " + spec + " is neither a directory nor a file", ExitCode.INVALID);
  }

  private static EngineException invalid(String what, String spec) {
    return new EngineException(
        what + ": '" + spec + "' is not DIR, FILE.tar, oci:DIR or bootstrap:SUITE[:VARIANT[:PKGS]]",
        ExitCode.INVALID);
  }
}
