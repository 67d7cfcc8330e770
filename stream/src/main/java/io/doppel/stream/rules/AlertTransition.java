package io.doppel.stream.rules;

import java.time.Instant;

/** An alert changed state for a twin: {@code ok -> pending -> active -> ok}, or {@code ok -> active} without a hold. */
public record AlertTransition(String ruleId, String twinId, AlertState from, AlertState to, String severity,
    Instant time) {

  /** {@code raised} when it became active, {@code cleared} when it left active, else {@code pending}/{@code ok}. */
  public String kind() {
    if (to == AlertState.ACTIVE) {
      return "raised";
    }
    return from == AlertState.ACTIVE ? "cleared" : to.label();
  }
}
