package dev.osimages.engine.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DockerfileParserTest {
  @Test
  void continuedRun_dropsCommentLines_andKeepsStartLine() {
    Dockerfile df =
        DockerfileParser.parse(
            "Dockerfile",
            "FROM scratch\n\nRUN apt-get update \\\n  # install things\n  && apt-get install -y a \\\n\n  b\n");
    Instruction.Run run = (Instruction.Run) df.stages().get(0).instructions().get(0);
    assertThat(run.line()).isEqualTo(3);
    assertThat(run.command().exec()).isFalse();
    assertThat(run.command().args())
        .containsExactly("apt-get update   && apt-get install -y a   b");
  }

  @Test
  void argBeforeFrom_isGlobal_andFromKeepsVariable() {
    Dockerfile df =
        DockerfileParser.parse(
            "Dockerfile", "ARG BASE_IMAGE=debian/13\nFROM ${BASE_IMAGE} AS base\n");
    assertThat(df.globalArgs())
        .containsExactly(new Instruction.Arg(1, "BASE_IMAGE", Optional.of("debian/13")));
    assertThat(df.stages().get(0).from().image()).isEqualTo("${BASE_IMAGE}");
    assertThat(df.stage("BASE")).isPresent();
  }

  @Test
  void execForm_isJsonArgv_andInvalidJsonFallsBackToShell() {
    Dockerfile df =
        DockerfileParser.parse(
            "Dockerfile",
            "FROM scratch\nRUN [\"/bin/echo\", \"a b\", \"\\\"q\\\"\"]\nRUN [not json]\n");
    Instruction.Run exec = (Instruction.Run) df.stages().get(0).instructions().get(0);
    Instruction.Run shell = (Instruction.Run) df.stages().get(0).instructions().get(1);
    assertThat(exec.command())
        .isEqualTo(new Instruction.Command(List.of("/bin/echo", "a b", "\"q\""), true));
    assertThat(shell.command()).isEqualTo(new Instruction.Command(List.of("[not json]"), false));
  }

  @Test
  void copy_parsesFlagsAndWords() {
    Dockerfile df =
        DockerfileParser.parse(
            "Dockerfile",
            "FROM scratch AS a\nFROM scratch\nCOPY --from=a --chown=daemon:bin --chmod=0640 /x \"/y z\" /dst/\nADD rootfs.tar /\n");
    Instruction.Copy c = (Instruction.Copy) df.stages().get(1).instructions().get(0);
    assertThat(c.from()).contains("a");
    assertThat(c.chown()).contains("daemon:bin");
    assertThat(c.chmod()).contains("0640");
    assertThat(c.words()).containsExactly("/x", "\"/y z\"", "/dst/");
    assertThat(((Instruction.Copy) df.stages().get(1).instructions().get(1)).add()).isTrue();
  }

  @Test
  void env_bothForms() {
    Dockerfile df =
        DockerfileParser.parse(
            "Dockerfile", "FROM scratch\nENV A=1 B=\"two words\"\nENV LEGACY some value\n");
    Instruction.Env e1 = (Instruction.Env) df.stages().get(0).instructions().get(0);
    Instruction.Env e2 = (Instruction.Env) df.stages().get(0).instructions().get(1);
    assertThat(e1.pairs())
        .containsExactly(
            new Instruction.KeyValue("A", "1"), new Instruction.KeyValue("B", "\"two words\""));
    assertThat(e2.pairs()).containsExactly(new Instruction.KeyValue("LEGACY", "some value"));
  }

  @Test
  void escapeDirective_backtick() {
    Dockerfile df =
        DockerfileParser.parse("Dockerfile", "# escape=`\nFROM scratch\nRUN echo a `\n  b\n");
    assertThat(df.escape()).isEqualTo('`');
    Instruction.Run run = (Instruction.Run) df.stages().get(0).instructions().get(0);
    assertThat(run.command().args()).containsExactly("echo a   b");
  }

  @Test
  void byteOrderMark_isDropped() {
    Dockerfile df = DockerfileParser.parse("Dockerfile", "\uFEFFFROM scratch\nRUN true\n");
    assertThat(df.stages().get(0).from().image()).isEqualTo("scratch");
  }

  @Test
  void directives_endAtTheFirstLineThatIsNoKnownDirective() {
    Dockerfile df =
        DockerfileParser.parse(
            "Dockerfile", "# syntax=docker/dockerfile:1\n# note=x\n# escape=`\nFROM scratch\n");
    assertThat(df.escape()).isEqualTo('\\');
    assertThat(
            DockerfileParser.parse("Dockerfile", "#syntax=a\n# ESCAPE = `\nFROM scratch\n")
                .escape())
        .isEqualTo('`');
  }

  @Test
  void repeatedDirective_isError() {
    assertThatThrownBy(
            () -> DockerfileParser.parse("Dockerfile", "# escape=`\n# escape=\\\nFROM scratch\n"))
        .hasMessage("Dockerfile:2: only one escape directive can be used");
  }

  @Test
  void unsupportedInstruction_namesLine() {
    assertThatThrownBy(() -> DockerfileParser.parse("Dockerfile", "FROM scratch\n\nFROBNICATE x\n"))
        .hasMessage("Dockerfile:3: unsupported instruction FROBNICATE");
  }

  @Test
  void runMount_sshAndUnknownTypes_areErrorsNamingLine() {
    assertThatThrownBy(
            () -> DockerfileParser.parse("D", "FROM scratch\nRUN --mount=type=ssh true\n"))
        .hasMessageStartingWith("D:2: RUN --mount=type=ssh is not supported");
    assertThatThrownBy(
            () ->
                DockerfileParser.parse("D", "FROM scratch\nRUN --mount=type=nfs,target=/x true\n"))
        .hasMessage(
            "D:2: RUN --mount: unsupported mount type 'nfs' (expected bind, cache, tmpfs or"
                + " secret)");
    assertThatThrownBy(
            () ->
                DockerfileParser.parse(
                    "D", "FROM scratch\nRUN --mount=type=cache,colour=red true\n"))
        .hasMessageStartingWith("D:2: RUN --mount: unknown option 'colour'");
  }

  @Test
  void runMounts_areKept_inOrder_andParseWithBuildKitDefaults() {
    Dockerfile df =
        DockerfileParser.parse(
            "D",
            "FROM scratch\nRUN --mount=type=cache,target=/var/cache/apt/,sharing=locked"
                + " --mount=type=secret,id=tok --mount=target=/src true\n");
    Instruction.Run run = (Instruction.Run) df.stages().get(0).instructions().get(0);
    assertThat(run.mounts()).hasSize(3);
    RunMount cache = RunMount.parse(run.mounts().get(0), v -> v);
    assertThat(cache.id()).isEqualTo("/var/cache/apt");
    assertThat(cache.readOnly()).isFalse();
    assertThat(cache.sharing()).isEqualTo(RunMount.Sharing.LOCKED);
    RunMount secret = RunMount.parse(run.mounts().get(1), v -> v);
    assertThat(secret.target()).isEqualTo("/run/secrets/tok");
    assertThat(secret.readOnly()).isTrue();
    RunMount bind = RunMount.parse(run.mounts().get(2), v -> v);
    assertThat(bind.type()).isEqualTo(RunMount.Type.BIND);
    assertThat(bind.readOnly()).isTrue();
    assertThat(run.command().args()).containsExactly("true");
  }

  @Test
  void secretMount_idFromTarget_andEnvOnlyHasNoTarget() {
    RunMount byTarget = RunMount.parse("type=secret,target=/root/.aws/credentials", v -> v);
    assertThat(byTarget.id()).isEqualTo("credentials");
    RunMount envOnly = RunMount.parse("type=secret,id=API_KEY,env=API_KEY,required", v -> v);
    assertThat(envOnly.target()).isEmpty();
    assertThat(envOnly.required()).isTrue();
    assertThatThrownBy(() -> RunMount.parse("type=cache,required", v -> v))
        .hasMessageContaining("required is only for type=secret");
  }

  @Test
  void runHeredoc_takesLinesUpToTheDelimiter_andKeepsLineNumbers() {
    Dockerfile df =
        DockerfileParser.parse(
            "D",
            "FROM scratch\nRUN <<EOF\necho a\n  echo b\nEOF\nRUN <<-\"X\" cat > f && <<Y cat\n\tq $A\n\tX\ny\nY\nUSER x\n");
    List<Instruction> body = df.stages().get(0).instructions();
    Instruction.Run first = (Instruction.Run) body.get(0);
    assertThat(first.command().args()).containsExactly("<<EOF");
    assertThat(first.heredocs())
        .containsExactly(new Heredoc("EOF", true, false, "echo a\n  echo b\n"));
    Instruction.Run second = (Instruction.Run) body.get(1);
    assertThat(second.line()).isEqualTo(6);
    assertThat(second.heredocs())
        .containsExactly(
            new Heredoc("X", false, true, "\tq $A\n"), new Heredoc("Y", true, false, "y\n"));
    assertThat(second.heredocs().get(0).text()).isEqualTo("q $A\n");
    assertThat(body.get(2)).isEqualTo(new Instruction.User(11, "x"));
  }

  @Test
  void copyHeredoc_isASource_andUnterminatedHeredocNamesLine() {
    Dockerfile df =
        DockerfileParser.parse(
            "D", "FROM scratch\nCOPY --chmod=755 <<EOF /usr/local/bin/hi\n#!/bin/sh\nEOF\n");
    Instruction.Copy c = (Instruction.Copy) df.stages().get(0).instructions().get(0);
    assertThat(c.words()).containsExactly("<<EOF", "/usr/local/bin/hi");
    assertThat(c.heredoc("<<EOF")).contains(new Heredoc("EOF", true, false, "#!/bin/sh\n"));
    assertThat(c.heredoc("/usr/local/bin/hi")).isEmpty();
    assertThatThrownBy(() -> DockerfileParser.parse("D", "FROM scratch\nRUN <<EOF\necho\n"))
        .hasMessage("D:2: unterminated heredoc: no line 'EOF' ends it");
    assertThatThrownBy(() -> DockerfileParser.parse("D", "FROM scratch\nCOPY a <<EOF\nx\nEOF\n"))
        .hasMessage("D:2: COPY cannot take a heredoc as its destination");
  }

  @Test
  void heredocMarkers_followBuildKitWordRules() {
    assertThat(HeredocWords.markers("cat << EOF > f"))
        .containsExactly(new Heredoc("EOF", true, false, ""));
    assertThat(HeredocWords.markers("echo \"<<EOF\" 'a<<b'")).isEmpty();
    assertThat(HeredocWords.markers("x 2<<'E O'"))
        .containsExactly(new Heredoc("E O", false, false, ""));
    assertThat(HeredocWords.markers("x <<E\"O\"F"))
        .containsExactly(new Heredoc("EOF", false, false, ""));
  }

  @Test
  void addChecksum_isKept_andCopyRefusesIt() {
    Dockerfile df =
        DockerfileParser.parse(
            "D", "FROM scratch\nADD --checksum=sha256:${SUM} \"${URL}\" /download/x.tar\n");
    Instruction.Copy c = (Instruction.Copy) df.stages().get(0).instructions().get(0);
    assertThat(c.checksum()).contains("sha256:${SUM}");
    assertThatThrownBy(
            () -> DockerfileParser.parse("D", "FROM scratch\nCOPY --checksum=sha256:0 a /b\n"))
        .hasMessage("D:2: COPY does not take --checksum (ADD does)");
    assertThatThrownBy(
            () -> DockerfileParser.parse("D", "FROM scratch\nADD --checksum=sha256:0 a b /c/\n"))
        .hasMessage("D:2: ADD --checksum takes exactly one source");
  }

  @Test
  void instructionBeforeFrom_isError() {
    assertThatThrownBy(() -> DockerfileParser.parse("D", "RUN true\nFROM scratch\n"))
        .hasMessageStartingWith("D:1: RUN before the first FROM");
  }

  @Test
  void metadataInstructions_areAccepted() {
    Dockerfile df =
        DockerfileParser.parse("D", "FROM scratch\nCMD [\"bash\"]\nEXPOSE 80\nLABEL a=b\n");
    assertThat(df.stages().get(0).instructions()).hasSize(3);
  }

  @Test
  void substitution_defaultsAndAlternatives() {
    ShellWords w = new ShellWords('\\', "D", 1);
    Map<String, String> vars = Map.of("A", "x", "E", "");
    assertThat(w.expand("${A}-$A-${B:-dflt}-${E:-e}-${E-e}-${A:+alt}-${B:+alt}", vars))
        .isEqualTo("x-x-dflt-e--alt-");
    assertThat(w.expand("'$A' \"$A\" \\$A", vars)).isEqualTo("$A x $A");
    assertThatThrownBy(() -> w.expand("${A%x}", vars))
        .hasMessageStartingWith("D:1: unsupported substitution");
  }

  @Test
  void split_keepsQuotedWhitespace() {
    assertThat(new ShellWords('\\', "D", 1).split("a \"b c\" 'd e' f\\ g"))
        .containsExactly("a", "\"b c\"", "'d e'", "f\\ g");
  }
}
