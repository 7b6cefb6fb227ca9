package dev.osimages.engine.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A validated images.yaml. {@code file} is the path as the operator gave it (messages use it);
 * {@code baseDir} is the directory relative paths inside resolve against. Args here are the shared
 * defaults, the lowest precedence. {@code profiles} are the named arg sets {@code --profile} may
 * choose, in declaration order; {@code secrets} are the build secrets by id (their sources only).
 */
public record Declaration(
    Path file,
    Path baseDir,
    Output output,
    Hygiene hygiene,
    Map<String, String> args,
    List<Distro> distros,
    List<Variant> variants,
    List<TestSpec> tests,
    List<Profile> profiles,
    SourceMap sources,
    Map<String, SecretSpec> secrets) {
  public Declaration {
    secrets = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(secrets));
    args = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(args));
    distros = List.copyOf(distros);
    variants = List.copyOf(variants);
    tests = List.copyOf(tests);
    profiles = List.copyOf(profiles);
  }

  /** The profile named {@code name}, if the declaration has one. */
  public java.util.Optional<Profile> profile(String name) {
    return profiles.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /** A declaration without secrets. */
  public Declaration(
      Path file,
      Path baseDir,
      Output output,
      Hygiene hygiene,
      Map<String, String> args,
      List<Distro> distros,
      List<Variant> variants,
      List<TestSpec> tests,
      List<Profile> profiles,
      SourceMap sources) {
    this(
        file, baseDir, output, hygiene, args, distros, variants, tests, profiles, sources,
        Map.of());
  }
}
