package io.doppel.stream.routes;

import io.doppel.stream.spi.OutboxEntry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;

/**
 * Produces each event to the route's topic, keyed by twin id (one twin, one partition, its order kept), in the
 * CloudEvents Kafka binding's structured mode ({@code content-type} header). The producer waits for every in-sync
 * replica ({@code acks=all}) and is idempotent, so its own retries neither lose nor duplicate nor reorder; a batch
 * is delivered once every record of it is acknowledged. After any failure the producer is closed and a fresh one
 * sends again from the first unacknowledged event.
 */
final class KafkaTransport implements Transport {
  private static final byte[] CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8"
      .getBytes(StandardCharsets.UTF_8);

  private final Endpoint.Kafka endpoint;
  private @Nullable KafkaProducer<String, byte[]> producer;

  KafkaTransport(Endpoint.Kafka endpoint) {
    this.endpoint = endpoint;
  }

  @Override
  public Attempt deliver(List<OutboxEntry> batch) throws InterruptedException {
    KafkaProducer<String, byte[]> p;
    List<Future<RecordMetadata>> sent = new ArrayList<>(batch.size());
    try {
      p = producer();
      for (OutboxEntry e : batch) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(endpoint.topic(), e.key(),
            e.payload().getBytes(StandardCharsets.UTF_8));
        record.headers().add("content-type", CONTENT_TYPE);
        sent.add(p.send(record));
      }
    } catch (KafkaException e) {
      // send() itself failed (no metadata in time, a closed producer): nothing after it was handed over.
      return failed(sent, e);
    }
    return failed(sent, null);
  }

  /** Waits for the acknowledgements in order; the first failure ends the delivered prefix. */
  private Attempt failed(List<Future<RecordMetadata>> sent, @Nullable KafkaException sendFailure)
      throws InterruptedException {
    for (int i = 0; i < sent.size(); i++) {
      try {
        sent.get(i).get();
      } catch (ExecutionException e) {
        reset();
        Throwable cause = e.getCause() == null ? e : e.getCause();
        if (cause instanceof RetriableException || !(cause instanceof KafkaException)) {
          return Attempt.Failed.retry(i, "Kafka: " + cause);
        }
        // Not retriable (record too large, invalid topic, not authorised for it): this record will never go.
        return Attempt.Failed.reject(i, 1, "Kafka: " + cause);
      }
    }
    if (sendFailure != null) {
      reset();
      return Attempt.Failed.retry(sent.size(), "Kafka: " + sendFailure);
    }
    return new Attempt.Delivered(sent.size());
  }

  private KafkaProducer<String, byte[]> producer() {
    KafkaProducer<String, byte[]> p = producer;
    if (p == null) {
      Map<String, Object> config = new HashMap<>(endpoint.properties());
      config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoint.bootstrap());
      config.put(ProducerConfig.ACKS_CONFIG, "all");
      config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
      config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
      config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
      config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
      config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
      config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
      config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "doppel-route");
      p = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
      producer = p;
    }
    return p;
  }

  private void reset() {
    KafkaProducer<String, byte[]> p = producer;
    producer = null;
    if (p != null) {
      p.close(java.time.Duration.ZERO);
    }
  }

  @Override
  public void close() {
    KafkaProducer<String, byte[]> p = producer;
    producer = null;
    if (p != null) {
      p.close(java.time.Duration.ofSeconds(5));
    }
  }
}
