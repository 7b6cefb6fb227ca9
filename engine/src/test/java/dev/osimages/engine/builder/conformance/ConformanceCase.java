package dev.osimages.engine.builder.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One case of the conformance suite: a folder under {@code conformance/} that is the build context
 * (with its {@code Dockerfile}), plus optional files the harness takes out of the context first:
 *
 * <ul>
 *   <li>{@code prepare.sh}: run with bash inside the copied context, for what git cannot carry
 *       (modes, owners, hard links, xattrs, archives made on the spot);
 *   <li>{@code Dockerfile.buildkit}: what BuildKit builds instead of {@code Dockerfile}, for
 *       constructs dockerd 20.10's built-in frontend lacks (heredocs, named contexts): an
 *       equivalent plain Dockerfile;
 *   <li>{@code build-args}: {@code NAME=VALUE} lines given to both sides;
 *   <li>{@code build-contexts}: {@code NAME=DIR} lines, named contexts for the chroot backend (a
 *       directory of the copied context, or {@code base} for the base image as another build's root
 *       filesystem); its {@code Dockerfile.buildkit} reads the same files another way;
 *   <li>{@code build-secrets}: {@code ID=FILE} lines, secrets for {@code RUN --mount=type=secret}
 *       given to both sides ({@code --secret id=ID,src=FILE} for BuildKit), FILE in the copied
 *       context;
 *   <li>{@code expected-differences.txt}: the differences this case is known to show, exactly as
 *       {@link TreeDiff} words them (each one is listed with its reason in docs/building.md);
 *   <li>{@code expected-differences-docker.txt}: the same for the engine's Docker backend (the
 *       daemon's classic builder), built from the same {@code Dockerfile} on the same daemon; a
 *       failure is the line {@code docker backend fails: MESSAGE}, and a line ending in {@code ...}
 *       matches any line it begins;
 *   <li>{@code expected-failure.txt}: the chroot backend must fail with a message containing its
 *       first line; BuildKit must fail too, unless a line {@code buildkit: builds} says that it
 *       builds what the engine refuses (such a refusal is listed with its reason in the docs).
 * </ul>
 */
record ConformanceCase(
    String name,
    Path dir,
    Optional<Path> buildkitDockerfile,
    Map<String, String> buildArgs,
    Map<String, String> buildContexts,
    Map<String, String> buildSecrets,
    List<String> expectedDifferences,
    List<String> expectedDockerDifferences,
    Optional<String> expectedFailure,
    boolean buildkitBuilds) {
  static final String PREPARE = "prepare.sh";
  static final Set<String> META =
      Set.of(
          PREPARE,
          "Dockerfile.buildkit",
          "build-args",
          "build-contexts",
          "build-secrets",
          "expected-differences.txt",
          "expected-differences-docker.txt",
          "expected-failure.txt");

  /** Every case folder under {@code suite}, by name. */
  static List<ConformanceCase> all(Path suite) throws IOException {
    List<ConformanceCase> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(suite)) {
      for (Path d : s.filter(Files::isDirectory).sorted().toList()) {
        out.add(of(d));
      }
    }
    return out;
  }

  static ConformanceCase of(Path dir) throws IOException {
    Path bk = dir.resolve("Dockerfile.buildkit");
    Map<String, String> args = pairs(dir.resolve("build-args"));
    List<String> failure = lines(dir.resolve("expected-failure.txt"));
    return new ConformanceCase(
        dir.getFileName().toString(),
        dir,
        Files.exists(bk) ? Optional.of(bk) : Optional.empty(),
        args,
        pairs(dir.resolve("build-contexts")),
        pairs(dir.resolve("build-secrets")),
        lines(dir.resolve("expected-differences.txt")),
        lines(dir.resolve("expected-differences-docker.txt")),
        failure.stream().filter(l -> !l.startsWith("buildkit:")).findFirst(),
        failure.contains("buildkit: builds"));
  }

  /** The {@code NAME=VALUE} lines of {@code f}. */
  private static Map<String, String> pairs(Path f) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    for (String l : lines(f)) {
      int eq = l.indexOf('=');
      out.put(l.substring(0, eq), l.substring(eq + 1));
    }
    return out;
  }

  /** The non-blank, non-comment lines of {@code f}, or none when it does not exist. */
  private static List<String> lines(Path f) throws IOException {
    if (!Files.exists(f)) {
      return List.of();
    }
    return Files.readAllLines(f, StandardCharsets.UTF_8).stream()
        .filter(l -> !l.isBlank() && !l.startsWith("#"))
        .toList();
  }
}
