package io.doppel.history.archfixture;

/** A stand-in for a history class outside its SPI package (see RulesCanFailTest). */
public final class HistoryInternals {
  public int chunkCount() {
    return 0;
  }
}
