package io.doppel.model;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** What happened to one conformance case: verdict match, exact error-set match, the codes we produced. */
record Outcome(ConformanceCase c, boolean verdictOk, boolean exactOk, List<String> actualCodes, @Nullable String crash) {

  static Outcome of(ConformanceCase c, ParseResult result) {
    boolean valid = result instanceof ParseResult.Valid;
    Set<String> actual = new TreeSet<>();
    if (result instanceof ParseResult.Invalid invalid) {
      invalid.errors().forEach(e -> actual.add(e.code()));
    }
    Set<String> expected = c.expectedCodes();
    boolean verdictOk = valid == c.expectValid();
    boolean exactOk = expected != null && verdictOk && expected.equals(actual);
    return new Outcome(c, verdictOk, exactOk, List.copyOf(actual), null);
  }

  boolean listsErrors() {
    return c.expectedCodes() != null;
  }
}
