package io.doppel.stream.routes;

import io.doppel.stream.spi.OutboxEntry;
import java.util.List;

/**
 * One route's connection to its endpoint, used by the route's delivery thread alone. It connects lazily and
 * reconnects after failures by itself: a failure to connect is a retryable {@link Attempt.Failed}, never an
 * exception.
 */
interface Transport extends AutoCloseable {
  /** Delivers {@code batch} in order and says how far it got. */
  Attempt deliver(List<OutboxEntry> batch) throws InterruptedException;

  @Override
  void close();

  static Transport open(Endpoint endpoint) {
    return switch (endpoint) {
      case Endpoint.Webhook w -> new WebhookTransport(w);
      case Endpoint.Mqtt m -> new MqttTransport(m);
      case Endpoint.Kafka k -> new KafkaTransport(k);
    };
  }
}
