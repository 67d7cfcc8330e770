package io.doppel.ingest.kafka;

import io.doppel.ingest.Ingestor;
import io.doppel.ingest.Message;
import io.doppel.ingest.Outcome;
import io.doppel.ingest.connector.Connector;
import io.doppel.ingest.connector.ConnectorMeter;
import io.doppel.ingest.connector.ConnectorState;
import io.doppel.ingest.connector.ConnectorStatus;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Kafka consumer group member on its own thread. At least once: each record goes to the ingestor, and a
 * partition's offset is committed (manually, per partition) only up to the first record whose future has not
 * completed, so a crash replays what was not yet durable. A storage failure seeks the partition back to the failed
 * record and retries it after a pause. The client reconnects by itself when the broker goes away; a periodic probe
 * (end offsets, which also give the lag) shows {@code disconnected} with the error meanwhile.
 */
final class KafkaConnector implements Connector {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaConnector.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);
  private static final long PROBE_EVERY_MS = 2_000;
  private static final int MAX_IN_FLIGHT = 5_000;
  private static final long DRAIN_MS = 10_000;

  private final String id;
  private final KafkaConnectorType.KafkaSettings settings;
  private final Ingestor ingestor;
  private final Clock clock;
  private final ConnectorMeter meter;
  private final Map<TopicPartition, PartitionProgress> progress = new HashMap<>();
  private volatile boolean paused;
  private volatile boolean closing;
  private volatile ConnectorState state = ConnectorState.STARTING;
  private volatile @Nullable Long lag;
  private volatile int inFlight;
  private @Nullable Thread thread;
  private @Nullable KafkaConsumer<byte[], byte[]> consumer;
  private boolean consumerPaused;
  /** Paused because the server's pending writes are at their limit (not because the operator asked). */
  private volatile boolean throttled;

  KafkaConnector(String id, KafkaConnectorType.KafkaSettings settings, Ingestor ingestor, Clock clock) {
    this.id = id;
    this.settings = settings;
    this.ingestor = ingestor;
    this.clock = clock;
    this.meter = new ConnectorMeter(clock);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String type() {
    return "kafka";
  }

  @Override
  public synchronized void start() {
    if (thread == null) {
      thread = Thread.ofPlatform().name("doppel-kafka-" + id).daemon().start(this::run);
    }
  }

  @Override
  public void pause() {
    paused = true;
    wake();
  }

  @Override
  public void resume() {
    paused = false;
    wake();
  }

  @Override
  public ConnectorStatus status() {
    // what the operator asked shows first; a connection problem meanwhile is in lastError
    ConnectorState shown = paused ? ConnectorState.PAUSED
        : throttled && state == ConnectorState.RUNNING ? ConnectorState.THROTTLED : state;
    return meter.status(id, type(), false, shown, lag);
  }

  @Override
  public void close() {
    closing = true;
    wake();
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t != null) {
      try {
        t.join(DRAIN_MS + 10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void wake() {
    KafkaConsumer<byte[], byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
  }

  private Properties properties() {
    Properties p = new Properties();
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "doppel-" + id);
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
    p.put(ConsumerConfig.RECONNECT_BACKOFF_MS_CONFIG, "200");
    p.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "5000");
    p.putAll(settings.properties());
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrap());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, settings.group());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return p;
  }

  private void run() {
    long backoff = 500;
    while (!closing) {
      try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(properties())) {
        consumer = c;
        consumerPaused = false;
        if (closing) {
          break;
        }
        c.subscribe(settings.topics(), new Rebalance(c));
        consume(c);
      } catch (KafkaException | IllegalArgumentException | IllegalStateException e) {
        // e.g. an unresolvable bootstrap address: keep retrying, as the broker may yet appear
        meter.error(String.valueOf(e));
        state = ConnectorState.DISCONNECTED;
        LOG.warn("kafka connector {} failed; retrying in {} ms", id, backoff, e);
        sleep(backoff);
        backoff = Math.min(backoff * 2, 30_000);
      } finally {
        consumer = null;
        progress.clear();
      }
    }
  }

  private void consume(KafkaConsumer<byte[], byte[]> c) {
    long nextProbe = 0;
    while (!closing) {
      try {
        applyPause(c);
        for (ConsumerRecord<byte[], byte[]> r : c.poll(POLL)) {
          dispatch(r);
        }
        if (settle(c)) {
          sleep(500); // storage failed: give it a moment before the record comes again
        }
        commit(c, false);
        long now = clock.millis();
        if (now >= nextProbe) {
          probe(c);
          nextProbe = clock.millis() + PROBE_EVERY_MS;
        }
      } catch (WakeupException e) {
        // pause, resume or close asked: the loop re-reads the flags
      }
    }
    waitFor(new ArrayList<>(progress.keySet()));
    try {
      commit(c, true);
    } catch (KafkaException e) {
      LOG.warn("kafka connector {} could not commit its last offsets on close; they will be consumed again", id, e);
    }
  }

  private void dispatch(ConsumerRecord<byte[], byte[]> r) {
    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
    Map<String, String> headers = new LinkedHashMap<>();
    for (Header h : r.headers()) {
      headers.put(h.key(), h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8));
    }
    String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
    byte[] payload = r.value() == null ? new byte[0] : r.value();
    Message message = new Message(id, r.topic() + "/" + r.partition(), r.topic(), key, payload, headers,
        clock.instant());
    meter.received();
    CompletableFuture<Outcome> outcome;
    try {
      outcome = ingestor.ingest(message);
    } catch (RuntimeException e) {
      outcome = CompletableFuture.failedFuture(e);
    }
    progress.computeIfAbsent(tp, k -> new PartitionProgress()).add(r.offset(), outcome);
    inFlight++;
  }

  /** Moves each partition's committable offset over its settled prefix; true when a storage failure sought back. */
  private boolean settle(KafkaConsumer<byte[], byte[]> c) {
    boolean failed = false;
    int open = 0;
    for (Map.Entry<TopicPartition, PartitionProgress> e : progress.entrySet()) {
      PartitionProgress p = e.getValue();
      while (!p.pending.isEmpty() && p.pending.peekFirst().outcome().isDone()) {
        PartitionProgress.Pending head = p.pending.pollFirst();
        try {
          meter.outcome(head.outcome().join());
          p.committable = head.offset() + 1;
        } catch (CompletionException | java.util.concurrent.CancellationException failure) {
          Throwable cause = failure.getCause() == null ? failure : failure.getCause();
          meter.error("storage failed at " + e.getKey() + " offset " + head.offset() + ": " + cause.getMessage());
          LOG.warn("kafka connector {}: {} offset {} not durable; reading it again", id, e.getKey(), head.offset(),
              cause);
          p.pending.clear(); // later records come again after the seek; their outcomes no longer count
          c.seek(e.getKey(), head.offset());
          failed = true;
        }
      }
      open += p.pending.size();
    }
    inFlight = open;
    return failed;
  }

  private void commit(KafkaConsumer<byte[], byte[]> c, boolean sync) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (Map.Entry<TopicPartition, PartitionProgress> e : progress.entrySet()) {
      PartitionProgress p = e.getValue();
      if (p.committable > p.sent || (sync && p.committable > p.committed)) {
        offsets.put(e.getKey(), new OffsetAndMetadata(p.committable));
      }
    }
    if (offsets.isEmpty()) {
      return;
    }
    offsets.forEach((tp, o) -> progress.get(tp).sent = o.offset());
    if (sync) {
      c.commitSync(offsets, Duration.ofSeconds(10));
      offsets.forEach((tp, o) -> confirm(tp, o.offset()));
      return;
    }
    c.commitAsync(offsets, (done, error) -> {
      if (error == null) {
        done.forEach((tp, o) -> confirm(tp, o.offset()));
      } else {
        if (state == ConnectorState.RUNNING) { // while disconnected the probe's error says more
          meter.error("offset commit failed: " + error);
        }
        done.forEach((tp, o) -> {
          PartitionProgress p = progress.get(tp);
          if (p != null && p.sent == o.offset()) {
            p.sent = p.committed; // sent again by the next loop
          }
        });
      }
    });
  }

  private void confirm(TopicPartition tp, long offset) {
    PartitionProgress p = progress.get(tp);
    if (p != null && offset > p.committed) {
      p.committed = offset;
    }
  }

  /**
   * Pauses fetching while the operator asks, while too many records wait for storage, or while the server's pending
   * writes are at their limit (until they fall to half of it). Offsets are still committed only after durability,
   * and the paused consumer keeps polling, so it stays in its group.
   */
  private void applyPause(KafkaConsumer<byte[], byte[]> c) {
    boolean overloaded = ingestor.budget().saturated();
    if (overloaded && !throttled) {
      meter.throttled();
      LOG.debug("kafka connector {} pauses: the server's pending writes are at their limit", id);
    }
    throttled = overloaded;
    boolean want = paused || inFlight > MAX_IN_FLIGHT || overloaded;
    if (want && !consumerPaused) {
      c.pause(c.assignment());
      consumerPaused = true;
    } else if (!want && consumerPaused) {
      c.resume(c.paused());
      consumerPaused = false;
    }
  }

  /** Asks the broker for the end offsets: gives the lag, and tells whether the broker is there at all. */
  private void probe(KafkaConsumer<byte[], byte[]> c) {
    try {
      var assigned = c.assignment();
      if (assigned.isEmpty()) {
        c.partitionsFor(settings.topics().get(0), PROBE_TIMEOUT);
        lag = 0L;
      } else {
        Map<TopicPartition, Long> end = c.endOffsets(assigned, PROBE_TIMEOUT);
        long total = 0;
        for (TopicPartition tp : assigned) {
          PartitionProgress p = progress.get(tp);
          long position = p != null && p.committable >= 0 ? p.committable : c.position(tp, PROBE_TIMEOUT);
          total += Math.max(0, end.getOrDefault(tp, position) - position);
        }
        lag = total;
      }
      if (state != ConnectorState.RUNNING) {
        LOG.info("kafka connector {} connected to {}", id, settings.bootstrap());
      }
      state = ConnectorState.RUNNING;
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      if (state != ConnectorState.DISCONNECTED) {
        LOG.warn("kafka connector {} lost {}: {}", id, settings.bootstrap(), e.getMessage());
      }
      meter.error("broker unreachable at " + settings.bootstrap() + ": " + e.getMessage());
      state = ConnectorState.DISCONNECTED;
      lag = null;
    }
  }

  /** Sleeps in short steps, so that a close is not kept waiting by a backoff. */
  private void sleep(long ms) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
    try {
      while (!closing && System.nanoTime() < deadline) {
        Thread.sleep(Math.min(100, Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Commits what is durable of partitions taken away, so that their next owner starts after it. */
  private final class Rebalance implements ConsumerRebalanceListener {
    private final KafkaConsumer<byte[], byte[]> c;

    Rebalance(KafkaConsumer<byte[], byte[]> c) {
      this.c = c;
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      drainAndCommit(partitions);
      partitions.forEach(progress::remove);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      partitions.forEach(progress::remove); // another member owns them already: committing would fail
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (consumerPaused) {
        c.pause(partitions);
      }
    }

    private void drainAndCommit(Collection<TopicPartition> partitions) {
      List<TopicPartition> mine = new ArrayList<>(partitions);
      waitFor(mine);
      Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
      for (TopicPartition tp : mine) {
        PartitionProgress p = progress.get(tp);
        if (p != null && p.committable > p.committed) {
          offsets.put(tp, new OffsetAndMetadata(p.committable));
        }
      }
      if (!offsets.isEmpty()) {
        try {
          c.commitSync(offsets, Duration.ofSeconds(10));
        } catch (KafkaException e) {
          meter.error("offset commit on rebalance failed: " + e);
        }
      }
    }
  }

  /** Waits for the partitions' outcomes and moves their committable offsets over what completed. */
  private void waitFor(Collection<TopicPartition> partitions) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_MS);
    for (TopicPartition tp : partitions) {
      PartitionProgress p = progress.get(tp);
      if (p == null) {
        continue;
      }
      while (!p.pending.isEmpty()) {
        PartitionProgress.Pending head = p.pending.peekFirst();
        try {
          Outcome o = head.outcome().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
          meter.outcome(o);
          p.committable = head.offset() + 1;
          p.pending.pollFirst();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        } catch (ExecutionException | TimeoutException e) {
          break; // not durable: its offset is not committed, the next owner reads it again
        }
      }
    }
  }
}
