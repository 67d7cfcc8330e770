package io.doppel.sim.kernel;

/** Why a run ended. Only {@link #HORIZON} and {@link #DRAINED} are normal ends; the others cut the run short. */
public enum StopReason {
  /** The next event lay beyond the horizon. */
  HORIZON,
  /** No event was left to process. */
  DRAINED,
  /** The run processed its budget of events. */
  EVENT_BUDGET,
  /** The model tried to keep more events pending than allowed. */
  PENDING_EVENT_LIMIT,
  /** The model held more customers (or other entities) at once than allowed. */
  ENTITY_LIMIT,
  /** The running thread was interrupted. */
  CANCELLED;

  public boolean complete() {
    return this == HORIZON || this == DRAINED;
  }
}
