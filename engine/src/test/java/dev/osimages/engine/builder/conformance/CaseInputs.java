package dev.osimages.engine.builder.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osimages.engine.builder.BuildContext;
import dev.osimages.engine.builder.BuildRequest;
import dev.osimages.engine.builder.BuildSecret;
import dev.osimages.engine.builder.LoopbackHttp;
import dev.osimages.engine.builder.NamedContext;
import dev.osimages.engine.model.Base;
import dev.osimages.engine.model.Hygiene;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What each side is given for a case: its context (a prepared copy of the folder under {@code
 * tmp/contexts}), its build args, and the engine's build request (base tarball, named contexts,
 * secrets); files a case serves for {@code ADD URL} are on a server on 127.0.0.1.
 */
final class CaseInputs implements AutoCloseable {
  private final Path tmp;
  private final Path baseTar;
  private final LoopbackHttp http;

  CaseInputs(Path tmp, Path baseTar) throws IOException {
    this.tmp = tmp;
    this.baseTar = baseTar;
    this.http = new LoopbackHttp();
  }

  /** The engine's request for {@code c}, whose prepared context is {@code ctx}. */
  BuildRequest request(ConformanceCase c, Path ctx) {
    Map<String, BuildSecret> secrets = new LinkedHashMap<>();
    c.buildSecrets()
        .forEach((id, file) -> secrets.put(id, new BuildSecret.FromFile(ctx.resolve(file))));
    Map<String, NamedContext> named = new LinkedHashMap<>();
    c.buildContexts()
        .forEach(
            (name, dir) ->
                named.put(
                    name,
                    dir.equals("base")
                        ? new NamedContext.Image(
                            ConformanceIT.BASE_REF, new Base.RootfsTarball(baseTar))
                        : new NamedContext.Local(BuildContext.of(ctx.resolve(dir)))));
    return new BuildRequest(
        "conformance/" + c.name(),
        ctx.resolve("Dockerfile"),
        BuildContext.of(ctx),
        args(c),
        Map.of(ConformanceIT.BASE_REF, new Base.RootfsTarball(baseTar)),
        Optional.empty(),
        false,
        Hygiene.NONE,
        List.of(),
        Map.of(),
        named,
        secrets);
  }

  /**
   * The files of the prepared context's {@code served/} folder, served on 127.0.0.1 under {@code
   * /CASE/} (BuildKit fetches an ADD URL in the daemon's process, which shares the host's
   * loopback).
   */
  private void serve(ConformanceCase c, Path ctx) throws Exception {
    Path served = ctx.resolve("served");
    if (!Files.isDirectory(served)) {
      return;
    }
    try (Stream<Path> files = Files.walk(served)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        http.put("/" + c.name() + "/" + served.relativize(f), Files.readAllBytes(f));
      }
    }
  }

  /** The case's build args, {@code @HTTP@} standing for the loopback server's URL of the case. */
  Map<String, String> args(ConformanceCase c) {
    Map<String, String> out = new LinkedHashMap<>();
    c.buildArgs()
        .forEach((k, v) -> out.put(k, v.replace("@HTTP@", http.url("/" + c.name()).toString())));
    return out;
  }

  /**
   * A copy of the case folder without the harness's files, prepared by its prepare.sh, its {@code
   * served/} files on the server.
   */
  Path context(ConformanceCase c) throws Exception {
    Path ctx = tmp.resolve("contexts").resolve(c.name());
    Files.createDirectories(ctx.getParent());
    assertThat(BuildKitSide.run(List.of("cp", "-a", c.dir().toString(), ctx.toString()), Map.of()))
        .isNull();
    for (String meta : ConformanceCase.META) {
      Files.deleteIfExists(ctx.resolve(meta));
    }
    Path prepare = c.dir().resolve(ConformanceCase.PREPARE);
    if (Files.exists(prepare)) {
      ProcessBuilder pb =
          new ProcessBuilder("bash", "-euo", "pipefail", prepare.toAbsolutePath().toString())
              .directory(ctx.toFile())
              .redirectErrorStream(true);
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes());
      assertThat(p.waitFor()).as("%s/prepare.sh: %s", c.name(), out).isZero();
    }
    serve(c, ctx);
    return ctx;
  }

  @Override
  public void close() {
    http.close();
  }
}
