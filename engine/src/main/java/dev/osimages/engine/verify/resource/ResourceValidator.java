package dev.osimages.engine.verify.resource;

import dev.osimages.engine.verify.matcher.Match;
import dev.osimages.engine.verify.matcher.MatchException;
import dev.osimages.engine.verify.matcher.Matcher;
import dev.osimages.engine.verify.matcher.MatcherParser;
import dev.osimages.engine.verify.matcher.MatcherResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates one declared resource against gathered facts, as goss's resource Validate methods do:
 * properties in goss's order, the required first property always, others only when set (an empty
 * list counts as unset), skip for the whole resource, and skip chaining after a failed, erroring or
 * false first property.
 */
public final class ResourceValidator {
  private ResourceValidator() {}

  /** The results for one resource, in goss's property order. */
  public static List<TestResult> validate(ResourceDecl r, Facts facts) {
    List<TestResult> results = new ArrayList<>();
    boolean skip = r.skip();
    for (Property p : r.kind().properties()) {
      Object expected = expectation(r, p);
      if (!p.required() && !isSet(expected)) {
        continue;
      }
      String reason = skip ? null : facts.unavailable(r, p);
      TestResult t = skip || reason != null ? skipped(r, p, reason) : test(r, p, expected, facts);
      results.add(t);
      if (results.size() == 1 && r.kind().chained() && shouldSkip(t)) {
        skip = true;
      }
    }
    return results;
  }

  private static Object expectation(ResourceDecl r, Property p) {
    Object v = r.attrs().get(p.key());
    if (v == null && p.key().equals("contents")) {
      v = r.attrs().get("contains");
    }
    if (v == null && p.key().equals("resolvable")) {
      v = r.attrs().get("resolveable");
    }
    if (v instanceof String s
        && (p.key().equals("exit-status") || p.key().equals("uid") || p.key().equals("gid"))
        && r.kind() != ResourceKind.FILE
        && s.matches("-?\\d+")) {
      return Long.parseLong(s); // goss's deprecateAtoI: a quoted number still compares as one
    }
    return v;
  }

  private static boolean isSet(Object v) {
    return v instanceof List<?> l ? !l.isEmpty() : v != null;
  }

  private static boolean shouldSkip(TestResult first) {
    return first.err() != null
        || first.result() != TestResult.SUCCESS
        || Boolean.FALSE.equals(first.matcherResult().actual());
  }

  private static TestResult skipped(ResourceDecl r, Property p, String reason) {
    Instant now = Instant.now();
    return new TestResult(
        r.kind().typeName(),
        r.id(),
        p.reportName(),
        r.title(),
        r.meta(),
        TestResult.SKIP,
        null,
        MatcherResult.of(null, "", null),
        now,
        now,
        reason);
  }

  private static TestResult test(ResourceDecl r, Property p, Object expected, Facts facts) {
    Instant start = Instant.now();
    try {
      Object actual = facts.actual(r, p);
      Matcher m =
          p.stream() && expected instanceof List<?> patterns
              ? MatcherParser.patterns(patterns)
              : MatcherParser.parse(expected);
      Match match = m.match(actual);
      MatcherResult mr = match.success() ? MatcherResult.pass(actual, expected) : match.failure();
      int result = match.success() ? TestResult.SUCCESS : TestResult.FAIL;
      return new TestResult(
          r.kind().typeName(),
          r.id(),
          p.reportName(),
          r.title(),
          r.meta(),
          result,
          null,
          mr,
          start,
          Instant.now(),
          null);
    } catch (FactException | MatchException e) {
      return new TestResult(
          r.kind().typeName(),
          r.id(),
          p.reportName(),
          r.title(),
          r.meta(),
          TestResult.FAIL,
          e.getMessage(),
          MatcherResult.of(null, "", null),
          start,
          Instant.now(),
          null);
    }
  }
}
