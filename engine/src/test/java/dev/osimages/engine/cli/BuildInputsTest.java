package dev.osimages.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.ExitCode;
import dev.osimages.engine.builder.BuildSecret;
import dev.osimages.engine.builder.NamedContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --build-context} and {@code --secret} as docker buildx reads them; bad ones exit 2. */
class BuildInputsTest {
  @TempDir Path dir;

  private static void invalid(Runnable r, String message) {
    assertThatThrownBy(r::run)
        .isInstanceOf(EngineException.class)
        .hasMessage(message)
        .extracting(e -> ((EngineException) e).exitCode())
        .isEqualTo(ExitCode.INVALID.code());
  }

  @Test
  void buildContext_directoryAndCell() throws Exception {
    Map<String, NamedContext> c =
        BuildInputs.contexts(
            List.of("ctx=" + dir, "baseapp=cell:debian/13"),
            id ->
                new dev.osimages.engine.builder.BuildResult(
                    dir.resolve(id), "key", List.of(), java.time.Duration.ZERO, dir));
    assertThat(c.get("ctx")).isInstanceOf(NamedContext.Local.class);
    assertThat(c.get("baseapp"))
        .isEqualTo(
            new NamedContext.Image(
                "debian/13",
                new dev.osimages.engine.model.Base.Layers(
                    "key", List.of(dir.resolve("debian/13")))));
  }

  @Test
  void buildContext_malformedValues_areOneLineEach() {
    invalid(
        () -> BuildInputs.contexts(List.of("ctx"), id -> null),
        "--build-context ctx: expected NAME=DIR or NAME=cell:ID");
    invalid(
        () -> BuildInputs.contexts(List.of("Ctx=" + dir), id -> null),
        "--build-context Ctx="
            + dir
            + ": 'Ctx' is not a context name (lower-case letters, digits, '.', '_', '-')");
    invalid(
        () -> BuildInputs.contexts(List.of("ctx=" + dir.resolve("nope")), id -> null),
        "--build-context ctx="
            + dir.resolve("nope")
            + ": directory "
            + dir.resolve("nope")
            + " not found");
    invalid(
        () -> BuildInputs.contexts(List.of("img=docker-image://alpine"), id -> null),
        "--build-context img=docker-image://alpine: only a directory or cell:ID is supported here"
            + " (image, URL and bake target contexts are not)");
    invalid(
        () -> BuildInputs.contexts(List.of("a=" + dir, "a=" + dir), id -> null),
        "--build-context a=" + dir + ": context 'a' is given twice");
  }

  @Test
  void secret_fileAndEnvironment_andMalformedOnes() throws Exception {
    Path f = Files.writeString(dir.resolve("tok"), "x");
    Map<String, BuildSecret> s = BuildInputs.secrets(List.of("id=tok,src=" + f, "id=p,env=PATH"));
    assertThat(s.get("tok")).isEqualTo(new BuildSecret.FromFile(f.toAbsolutePath()));
    assertThat(s.get("p")).isEqualTo(new BuildSecret.FromEnv("PATH"));
    assertThat(BuildInputs.secrets(List.of("id=PATH")).get("PATH"))
        .isEqualTo(new BuildSecret.FromEnv("PATH"));
    invalid(
        () -> BuildInputs.secrets(List.of("src=" + f)),
        "--secret src=" + f + ": expected id=ID[,src=FILE|env=VAR]");
    invalid(
        () -> BuildInputs.secrets(List.of("id=x,src=" + dir.resolve("none"))),
        "--secret id=x,src="
            + dir.resolve("none")
            + ": secret file "
            + dir.resolve("none")
            + " not found or not readable");
    invalid(
        () -> BuildInputs.secrets(List.of("id=x,env=OSIMAGES_SURELY_UNSET_42")),
        "--secret id=x,env=OSIMAGES_SURELY_UNSET_42: environment variable"
            + " OSIMAGES_SURELY_UNSET_42 is not set");
    invalid(
        () -> BuildInputs.secrets(List.of("id=x,colour=red")),
        "--secret id=x,colour=red: unknown key 'colour' (expected id, src, env, type)");
  }
}
