package io.doppel.ingest.connector;

/**
 * Where a connector is: taking messages, held by an operator, cut off from its source (retrying), or given up;
 * {@code THROTTLED} while it stops reading because the server's pending writes are at their limit (it reads on by
 * itself once they drain).
 */
public enum ConnectorState {
  STARTING, RUNNING, PAUSED, DISCONNECTED, FAILED, THROTTLED;

  /** As the API shows it. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
