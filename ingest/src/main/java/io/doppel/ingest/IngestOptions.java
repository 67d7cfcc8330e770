package io.doppel.ingest;

import java.time.Duration;

/**
 * How data comes in.
 *
 * @param mqttPort the MQTT endpoint's TCP port: 0 picks a free one, -1 (the default) serves no MQTT
 * @param offlineAfter how long a twin's source may stay quiet before the twin shows offline
 */
public record IngestOptions(int mqttPort, Duration offlineAfter) {
  public static final Duration DEFAULT_OFFLINE_AFTER = Duration.ofMinutes(5);

  public IngestOptions {
    if (mqttPort < -1 || mqttPort > 65535) {
      throw new IllegalArgumentException("the MQTT port must be 0..65535 (or -1 for none), was " + mqttPort);
    }
    if (offlineAfter.isNegative() || offlineAfter.isZero()) {
      throw new IllegalArgumentException("offlineAfter must be positive, was " + offlineAfter);
    }
  }

  public static IngestOptions defaults() {
    return new IngestOptions(-1, DEFAULT_OFFLINE_AFTER);
  }

  public IngestOptions withMqttPort(int port) {
    return new IngestOptions(port, offlineAfter);
  }

  public IngestOptions withOfflineAfter(Duration timeout) {
    return new IngestOptions(mqttPort, timeout);
  }
}
