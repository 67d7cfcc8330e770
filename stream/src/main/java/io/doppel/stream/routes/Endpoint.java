package io.doppel.stream.routes;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Where a route delivers. */
public sealed interface Endpoint {
  /**
   * An HTTP(S) URL that gets a POST per event ({@code application/cloudevents+json}) or per batch
   * ({@code application/cloudevents-batch+json}).
   *
   * @param headers sent with every request
   * @param secret sent as {@code Authorization: Bearer <secret>}; never shown back over the API
   */
  record Webhook(URI url, Map<String, String> headers, @Nullable String secret, boolean batch, Duration timeout)
      implements Endpoint {
    public Webhook {
      headers = Map.copyOf(headers);
    }
  }

  /**
   * An MQTT 5 broker ({@code tcp://host:1883}, {@code ssl://host:8883}) and a topic template with {@code {twinId}}
   * and {@code {type}} placeholders.
   */
  record Mqtt(URI broker, String topic, int qos, String clientId, @Nullable String username,
      @Nullable String password) implements Endpoint {}

  /**
   * A Kafka cluster and topic; the record key is the event's twin id, so one twin's events stay in one partition.
   *
   * @param properties extra producer settings (security, compression); delivery guarantees are not overridable
   */
  record Kafka(String bootstrap, String topic, Map<String, String> properties) implements Endpoint {
    public Kafka {
      properties = Map.copyOf(properties);
    }
  }
}
