package dev.osimages.engine.verify.targets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osimages.engine.verify.resource.ResourceDecl;
import dev.osimages.engine.verify.resource.ResourceKind;
import dev.osimages.engine.verify.resource.ResourceValidator;
import dev.osimages.engine.verify.resource.TestResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe script run by the host's own /bin/sh and coreutils (what an image has too), on files
 * and commands that need no root: compile, run, parse the records, evaluate. The targets run the
 * same script chrooted, in a container or in a VM.
 */
class ProbeScriptTest {
  @TempDir Path dir;

  private static ResourceDecl decl(ResourceKind kind, String id, Object... kv) {
    Map<String, Object> attrs = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      attrs.put((String) kv[i], kv[i + 1]);
    }
    return new ResourceDecl(kind, id, attrs, "goss.yaml:1");
  }

  /** Compiles, runs with sh, and returns the results (offline, as the rootfs target). */
  private static List<TestResult> run(List<ResourceDecl> resources, List<String> raw)
      throws Exception {
    String script = ProbeScript.compile(resources, ProbeFacts.plan(resources, "rootfs", false));
    Process p = new ProcessBuilder("sh", "-c", script).redirectErrorStream(false).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    raw.add(out);
    ProbeOutput parsed = ProbeOutput.parseLast(out).orElseThrow();
    ProbeFacts facts = new ProbeFacts(resources, parsed, "rootfs", false);
    List<TestResult> results = new ArrayList<>();
    for (ResourceDecl r : resources) {
      results.addAll(ResourceValidator.validate(r, facts));
    }
    return results;
  }

  private static String digest(String algorithm, String text) throws Exception {
    return java.util.HexFormat.of()
        .formatHex(
            java.security.MessageDigest.getInstance(algorithm)
                .digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<String> failed(List<TestResult> results) {
    return results.stream()
        .filter(r -> !r.successful())
        .map(r -> r.resourceId() + " " + r.property() + ": " + r.err())
        .toList();
  }

  @Test
  void files_areStatedReadAndDigested() throws Exception {
    Path f = Files.writeString(dir.resolve("motd"), "hello\nworld\n");
    Files.setPosixFilePermissions(
        f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
    Path link = Files.createSymbolicLink(dir.resolve("link"), f);
    List<String> raw = new ArrayList<>();
    List<TestResult> results =
        run(
            List.of(
                decl(
                    ResourceKind.FILE,
                    f.toString(),
                    "exists",
                    true,
                    "mode",
                    "0640",
                    "size",
                    12L,
                    "filetype",
                    "file",
                    "contents",
                    List.of("world", "/^hel+o$/"),
                    "md5",
                    digest("MD5", "hello\nworld\n"),
                    "sha256",
                    digest("SHA-256", "hello\nworld\n")),
                decl(
                    ResourceKind.FILE,
                    link.toString(),
                    "exists",
                    true,
                    "filetype",
                    "symlink",
                    "linked-to",
                    f.toString()),
                decl(ResourceKind.FILE, dir.resolve("nothing").toString(), "exists", false)),
            raw);
    assertThat(failed(results)).as(raw.get(0)).isEmpty();
    assertThat(results).hasSize(11);
  }

  @Test
  void commands_reportExitStatusAndStreams_andTextWithTabsTravelsAsBase64() throws Exception {
    List<String> raw = new ArrayList<>();
    List<TestResult> results =
        run(
            List.of(
                decl(
                    ResourceKind.COMMAND,
                    "greet",
                    "exec",
                    "printf 'a\\tb\\n'; echo oops >&2; exit 3",
                    "exit-status",
                    3L,
                    "stdout",
                    "a\tb\n",
                    "stderr",
                    List.of("oops")),
                decl(
                    ResourceKind.COMMAND,
                    "plain",
                    "exec",
                    "echo one",
                    "exit-status",
                    0L,
                    "stdout",
                    List.of("one"))),
            raw);
    assertThat(failed(results)).as(raw.get(0)).isEmpty();
    assertThat(raw.get(0)).contains("F\t0\tstdout\t").contains("R\t1\texit\t0\n");
  }

  @Test
  void commands_timingOut_areErrorsInGossWords() throws Exception {
    List<TestResult> results =
        run(
            List.of(
                decl(
                    ResourceKind.COMMAND,
                    "slow",
                    "exec",
                    "sleep 5",
                    "timeout",
                    300L,
                    "exit-status",
                    0L)),
            new ArrayList<>());
    assertThat(results)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.result()).isEqualTo(TestResult.FAIL);
              assertThat(r.err()).isEqualTo("Command execution timed out (300ms)");
            });
  }

  @Test
  void namesWithQuotesAndDollars_reachTheSystemAsTheyAre() throws Exception {
    Path odd = Files.writeString(dir.resolve("it's $(touch pwned) `x`"), "x");
    List<String> raw = new ArrayList<>();
    List<TestResult> results =
        run(
            List.of(
                decl(ResourceKind.FILE, odd.toString(), "exists", true),
                decl(
                    ResourceKind.COMMAND,
                    "quoted",
                    "exec",
                    "echo \"it's\" '$HOME'",
                    "exit-status",
                    0L,
                    "stdout",
                    List.of("it's $HOME"))),
            raw);
    assertThat(failed(results)).as(raw.get(0)).isEmpty();
    assertThat(dir.resolve("pwned")).doesNotExist();
    assertThat(Path.of("pwned")).doesNotExist();
  }

  @Test
  void skippedResources_areNotProbed() {
    ResourceDecl skipped =
        decl(ResourceKind.COMMAND, "never", "exec", "touch /x", "skip", true, "exit-status", 0L);
    String script =
        ProbeScript.compile(List.of(skipped), ProbeFacts.plan(List.of(skipped), "rootfs", false));
    assertThat(script).doesNotContain("touch /x").startsWith("#!/bin/sh\n").endsWith("echo END\n");
  }

  @Test
  void packages_areQueriedWithOneDpkgQuery() {
    List<ResourceDecl> pkgs =
        List.of(
            decl(ResourceKind.PACKAGE, "curl", "installed", true),
            decl(ResourceKind.PACKAGE, "vim", "installed", true));
    String script = ProbeScript.compile(pkgs, ProbeFacts.plan(pkgs, "rootfs", false));
    assertThat(script.split("dpkg-query -f", -1)).hasSize(2);
    assertThat(script).contains("-W -- 'curl' 'vim'");
  }

  @Test
  void quote_makesAnyStringOneShellWord() {
    assertThat(ProbeScript.quote("a'b")).isEqualTo("'a'\\''b'");
    assertThat(ProbeScript.quote("$(x)")).isEqualTo("'$(x)'");
  }
}
