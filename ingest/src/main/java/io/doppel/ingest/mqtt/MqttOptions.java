package io.doppel.ingest.mqtt;

import io.netty.handler.ssl.SslContext;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How the MQTT endpoint runs.
 *
 * @param host the interface to bind ({@code 0.0.0.0} for all)
 * @param port the TCP port; 0 picks a free one (see {@link MqttEndpoint#port()})
 * @param tls when set, the endpoint speaks MQTT over TLS only
 * @param authenticator who may connect
 * @param maxPacketBytes the largest packet accepted (MQTT 5 clients are told in CONNACK); a bigger one closes the
 *     connection
 * @param maxInFlight messages per connection handed to the ingestor and not yet durable: at this many the endpoint
 *     stops reading the connection until some complete; MQTT 5 clients are told it as their receive maximum
 * @param connectTimeout how long a new connection may take to send CONNECT
 */
public record MqttOptions(
    String host, int port, @Nullable SslContext tls, MqttAuthenticator authenticator, int maxPacketBytes,
    int maxInFlight, Duration connectTimeout) {
  /** 256 KiB: a telemetry or property message is a small JSON object; ADT caps a twin at 32 KiB. */
  public static final int DEFAULT_MAX_PACKET_BYTES = 256 * 1024;
  public static final int DEFAULT_MAX_IN_FLIGHT = 1024;
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  public MqttOptions {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("the MQTT port must be 0..65535, was " + port);
    }
    if (maxPacketBytes < 64 || maxPacketBytes > 256 * 1024 * 1024) {
      throw new IllegalArgumentException("maxPacketBytes must be 64..268435456, was " + maxPacketBytes);
    }
    if (maxInFlight < 1 || maxInFlight > 65535) {
      throw new IllegalArgumentException("maxInFlight must be 1..65535 (an MQTT 5 receive maximum), was "
          + maxInFlight);
    }
    if (connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new IllegalArgumentException("connectTimeout must be positive, was " + connectTimeout);
    }
  }

  /** On {@code host:port}, plain TCP, anyone may connect, default limits. */
  public static MqttOptions of(String host, int port) {
    return new MqttOptions(host, port, null, MqttAuthenticator.anyone(), DEFAULT_MAX_PACKET_BYTES,
        DEFAULT_MAX_IN_FLIGHT, DEFAULT_CONNECT_TIMEOUT);
  }

  public MqttOptions withTls(@Nullable SslContext context) {
    return new MqttOptions(host, port, context, authenticator, maxPacketBytes, maxInFlight, connectTimeout);
  }

  public MqttOptions withAuthenticator(MqttAuthenticator auth) {
    return new MqttOptions(host, port, tls, auth, maxPacketBytes, maxInFlight, connectTimeout);
  }

  public MqttOptions withMaxPacketBytes(int limit) {
    return new MqttOptions(host, port, tls, authenticator, limit, maxInFlight, connectTimeout);
  }

  public MqttOptions withMaxInFlight(int limit) {
    return new MqttOptions(host, port, tls, authenticator, maxPacketBytes, limit, connectTimeout);
  }

  public MqttOptions withConnectTimeout(Duration timeout) {
    return new MqttOptions(host, port, tls, authenticator, maxPacketBytes, maxInFlight, timeout);
  }
}
