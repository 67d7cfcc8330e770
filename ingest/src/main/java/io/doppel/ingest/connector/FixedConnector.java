package io.doppel.ingest.connector;

import java.time.Clock;

/**
 * A built-in connector that is always running and only counts what it hands in (HTTP telemetry); a richer built-in
 * (the MQTT endpoint) implements {@link Connector} itself.
 */
public final class FixedConnector implements Connector {
  private final String id;
  private final String type;
  private final ConnectorMeter meter;

  public FixedConnector(String id, String type, Clock clock) {
    this.id = id;
    this.type = type;
    this.meter = new ConnectorMeter(clock);
  }

  public ConnectorMeter meter() {
    return meter;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String type() {
    return type;
  }

  @Override
  public boolean fixed() {
    return true;
  }

  @Override
  public ConnectorStatus status() {
    return meter.status(id, type, true, ConnectorState.RUNNING, null);
  }

  @Override
  public void close() {}
}
