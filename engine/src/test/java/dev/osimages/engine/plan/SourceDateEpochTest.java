package dev.osimages.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osimages.engine.EngineException;
import dev.osimages.engine.model.Declaration;
import dev.osimages.engine.model.Hygiene;
import dev.osimages.engine.model.Output;
import dev.osimages.engine.model.SourceMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where SOURCE_DATE_EPOCH comes from, with a real git repository for the commit time. */
class SourceDateEpochTest {
  private static final long COMMITTED = 1796017871L;

  @TempDir Path repo;

  private Declaration declaration(OptionalLong declared) {
    return new Declaration(
        repo.resolve("images.yaml"),
        repo,
        new Output(
            "out",
            "stable",
            9,
            10,
            List.of(),
            Output.Registry.DEFAULT,
            Output.Cache.NONE,
            declared),
        Hygiene.declared(true),
        Map.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        new SourceMap("images.yaml", Map.of()));
  }

  private void git(String... args) throws IOException, InterruptedException {
    List<String> argv = new java.util.ArrayList<>(List.of("git", "-C", repo.toString()));
    argv.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
    pb.environment().put("GIT_COMMITTER_DATE", "@" + COMMITTED + " +0000");
    pb.environment().put("GIT_AUTHOR_DATE", "@" + (COMMITTED - 100) + " +0000");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
  }

  private void commitDeclaration() throws Exception {
    Files.writeString(repo.resolve("images.yaml"), "output: {root: out}\n");
    git("init", "-q");
    git("add", "images.yaml");
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "decl");
  }

  @Test
  void committedDeclaration_givesItsCommitTime() throws Exception {
    commitDeclaration();
    SourceDateEpoch e =
        SourceDateEpoch.resolve(declaration(OptionalLong.empty()), OptionalLong.empty(), k -> null);
    assertThat(e.seconds()).hasValue(COMMITTED);
    assertThat(e.note()).isEmpty();
    assertThat(e.describe())
        .isEqualTo(
            "SOURCE_DATE_EPOCH 1796017871 (the last commit of "
                + repo.resolve("images.yaml")
                + ")");
  }

  @Test
  void uncommittedChanges_keepTheLastCommitsTime_andSaySo() throws Exception {
    commitDeclaration();
    Files.writeString(repo.resolve("images.yaml"), "output: {root: elsewhere}\n");
    SourceDateEpoch e =
        SourceDateEpoch.resolve(declaration(OptionalLong.empty()), OptionalLong.empty(), k -> null);
    assertThat(e.seconds()).hasValue(COMMITTED);
    assertThat(e.note()).contains("has uncommitted changes").contains("(1796017871)");
  }

  @Test
  void neverCommitted_hasNoEpoch_andSaysBuildsAreNotReproducible() {
    SourceDateEpoch e =
        SourceDateEpoch.resolve(declaration(OptionalLong.empty()), OptionalLong.empty(), k -> null);
    assertThat(e.seconds()).isEmpty();
    assertThat(e.note()).contains("is not committed in git").contains("not reproducible");
  }

  @Test
  void optionThenDeclarationThenEnvironment_winOverGit() throws Exception {
    commitDeclaration();
    assertThat(
            SourceDateEpoch.resolve(declaration(OptionalLong.of(5)), OptionalLong.of(7), k -> "9")
                .seconds())
        .hasValue(7);
    assertThat(
            SourceDateEpoch.resolve(declaration(OptionalLong.of(5)), OptionalLong.empty(), k -> "9")
                .seconds())
        .hasValue(5);
    SourceDateEpoch env =
        SourceDateEpoch.resolve(declaration(OptionalLong.empty()), OptionalLong.empty(), k -> "9");
    assertThat(env.seconds()).hasValue(9);
    assertThat(env.origin()).isEqualTo("the environment's SOURCE_DATE_EPOCH");
  }

  @Test
  void notANumber_isRefusedNamingTheSource() {
    assertThatThrownBy(() -> SourceDateEpoch.parse("yesterday", "--source-date-epoch"))
        .isInstanceOf(EngineException.class)
        .hasMessage(
            "--source-date-epoch: expected seconds since 1970 (a whole number >= 0), found 'yesterday'");
  }
}
