package io.doppel.ingest.connector;

/** Where a connector is: taking messages, held by an operator, cut off from its source (retrying), or given up. */
public enum ConnectorState {
  STARTING, RUNNING, PAUSED, DISCONNECTED, FAILED;

  /** As the API shows it. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
