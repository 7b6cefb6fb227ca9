package dev.osimages.engine.verify.resource;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourceValidatorTest {
  /** Facts from a map "property" -> value; runtime properties unavailable when offline. */
  private static Facts facts(Map<String, Object> values, boolean booted) {
    return new Facts() {
      @Override
      public Object actual(ResourceDecl r, Property p) throws FactException {
        if (!values.containsKey(p.key())) {
          throw new FactException("no " + p.key());
        }
        return values.get(p.key());
      }

      @Override
      public String unavailable(ResourceDecl r, Property p) {
        return !booted && p.runtime() ? "offline" : null;
      }
    };
  }

  private static ResourceDecl decl(ResourceKind k, Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return new ResourceDecl(k, "/x", m, "goss.yaml:1");
  }

  @Test
  void skipChaining_failedFirstPropertySkipsTheRest() {
    List<TestResult> r =
        ResourceValidator.validate(
            decl(ResourceKind.FILE, "exists", true, "mode", "0644"),
            facts(Map.of("exists", false), true));
    assertThat(r).extracting(TestResult::result).containsExactly(TestResult.FAIL, TestResult.SKIP);
  }

  @Test
  void skipChaining_passingFalseFirstPropertySkipsTheRest() {
    List<TestResult> r =
        ResourceValidator.validate(
            decl(ResourceKind.FILE, "exists", false, "mode", "0644"),
            facts(Map.of("exists", false), true));
    assertThat(r)
        .extracting(TestResult::result)
        .containsExactly(TestResult.SUCCESS, TestResult.SKIP);
  }

  @Test
  void command_doesNotChain() {
    List<TestResult> r =
        ResourceValidator.validate(
            decl(ResourceKind.COMMAND, "exit-status", 1L, "stdout", List.of("ok")),
            facts(Map.of("exit-status", 0L, "stdout", "ok\n"), true));
    assertThat(r)
        .extracting(TestResult::result)
        .containsExactly(TestResult.FAIL, TestResult.SUCCESS);
  }

  @Test
  void emptyList_isNotEvaluated_andEmptyPatternAlwaysPasses() {
    List<TestResult> r =
        ResourceValidator.validate(
            decl(
                ResourceKind.COMMAND,
                "exit-status",
                0L,
                "stdout",
                List.of(""),
                "stderr",
                List.of()),
            facts(Map.of("exit-status", 0L, "stdout", "anything"), true));
    assertThat(r).extracting(TestResult::property).containsExactly("exit-status", "stdout");
    assertThat(r).allMatch(TestResult::successful);
  }

  @Test
  void streamWithScalar_mustEqualWholeStream() {
    List<TestResult> r =
        ResourceValidator.validate(
            decl(ResourceKind.COMMAND, "exit-status", 0L, "stdout", "0\n"),
            facts(Map.of("exit-status", 0L, "stdout", "0"), true));
    assertThat(r.get(1).result()).isEqualTo(TestResult.FAIL);
  }

  @Test
  void requiredPropertyMissing_isGossSyntaxError() {
    List<TestResult> r =
        ResourceValidator.validate(
            decl(ResourceKind.FILE, "mode", "0644"), facts(Map.of("exists", true), true));
    assertThat(r.get(0).err()).isEqualTo("Syntax Error: Missing required attribute");
    assertThat(r.get(1).skipped()).isTrue();
  }

  @Test
  void runtimeProperty_offline_isSkippedWithReason() {
    List<TestResult> r =
        ResourceValidator.validate(
            decl(ResourceKind.SERVICE, "enabled", true, "running", true),
            facts(Map.of("enabled", true), false));
    assertThat(r)
        .extracting(TestResult::result)
        .containsExactly(TestResult.SUCCESS, TestResult.SKIP);
    assertThat(r.get(1).skipReason()).isEqualTo("offline");
  }

  @Test
  void skipAttribute_skipsEverything() {
    List<TestResult> r =
        ResourceValidator.validate(
            decl(ResourceKind.USER, "exists", true, "uid", 0L, "skip", true),
            facts(Map.of(), true));
    assertThat(r).allMatch(TestResult::skipped);
  }
}
