package io.doppel.cli;

import java.io.PrintWriter;

/**
 * A one-line progress bar on the error stream ({@code [######----] 60% 36/60 steps}), redrawn in place; plain lines
 * every tenth when the stream is not a terminal, so logs stay readable.
 */
final class ProgressLine {
  private static final int WIDTH = 30;
  private final PrintWriter err;
  private final String label;
  private final boolean terminal = System.console() != null;
  private long lastTenth = -1;

  ProgressLine(PrintWriter err, String label) {
    this.err = err;
    this.label = label;
  }

  void show(long done, long total) {
    long tenth = total == 0 ? 10 : done * 10 / total;
    if (!terminal && tenth == lastTenth && done != total) {
      return;
    }
    lastTenth = tenth;
    int filled = total == 0 ? WIDTH : (int) (done * WIDTH / total);
    String bar = "#".repeat(filled) + "-".repeat(WIDTH - filled);
    long percent = total == 0 ? 100 : done * 100 / total;
    err.print((terminal ? "\r" : "") + label + " [" + bar + "] " + percent + "% " + done + "/" + total
        + (terminal && done != total ? "" : "\n"));
    err.flush();
  }
}
