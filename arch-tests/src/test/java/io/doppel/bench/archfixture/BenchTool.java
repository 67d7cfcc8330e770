package io.doppel.bench.archfixture;

/** A bench class that a production fixture wrongly depends on (see RulesCanFailTest). */
public final class BenchTool {
  public String name() {
    return "bench";
  }
}
