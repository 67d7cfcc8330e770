package io.doppel.ingest.connector;

/**
 * A source of messages for the ingestor. Configured connectors are built by a {@link ConnectorType} and started,
 * paused, resumed and closed by the {@link ConnectorRegistry}; fixed ones (the MQTT endpoint, HTTP telemetry) are
 * registered with {@link ConnectorRegistry#addFixed} and only report their status.
 */
public interface Connector extends AutoCloseable {
  String id();

  /** Its type as configured ({@code kafka}, {@code mqtt-bridge}) or, for a fixed one, what it is. */
  String type();

  /** True for the built-in connectors: always there, not configurable, not deletable. */
  default boolean fixed() {
    return false;
  }

  ConnectorStatus status();

  /** Starts taking messages (at most once). */
  default void start() {}

  /** Stops taking new messages, keeping its place at the source. */
  default void pause() {
    throw new UnsupportedOperationException(type() + " connectors cannot be paused");
  }

  default void resume() {
    throw new UnsupportedOperationException(type() + " connectors cannot be paused");
  }

  /** Stops for good, after the messages already handed to the ingestor are acknowledged where possible. */
  @Override
  void close();
}
