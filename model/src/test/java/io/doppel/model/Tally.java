package io.doppel.model;

/** Counts of conformance outcomes for one folder/version group. */
final class Tally {
  int cases;
  int verdicts;
  int withErrors;
  int exact;
  int crashes;

  void add(Outcome o) {
    cases++;
    if (o.verdictOk()) {
      verdicts++;
    }
    if (o.listsErrors()) {
      withErrors++;
      if (o.exactOk()) {
        exact++;
      }
    }
    if (o.crash() != null) {
      crashes++;
    }
  }

  double verdictRate() {
    return cases == 0 ? 1 : (double) verdicts / cases;
  }

  double exactRate() {
    return withErrors == 0 ? 1 : (double) exact / withErrors;
  }
}
