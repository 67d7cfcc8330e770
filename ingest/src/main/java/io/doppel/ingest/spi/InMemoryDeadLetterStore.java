package io.doppel.ingest.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Dead letters in memory, for tests and a server run without a data directory; bounded like the durable one. */
final class InMemoryDeadLetterStore implements DeadLetterStore {
  private static final Logger LOG = LoggerFactory.getLogger(InMemoryDeadLetterStore.class);

  private final ConcurrentSkipListMap<Long, DeadLetter> letters = new ConcurrentSkipListMap<>();
  private final DeadLetterLimits limits;
  private long lastId;
  private long bytes;
  private long evicted;

  InMemoryDeadLetterStore(DeadLetterLimits limits) {
    this.limits = limits;
  }

  @Override
  public synchronized CompletableFuture<DeadLetter> add(DeadLetter letter) {
    long size = letter.payload().length;
    long dropped = 0;
    while (!letters.isEmpty() && (letters.size() + 1 > limits.maxCount() || bytes + size > limits.maxBytes())) {
      bytes -= letters.pollFirstEntry().getValue().payload().length;
      dropped++;
    }
    if (dropped > 0) {
      evicted += dropped;
      LOG.warn("dead letters full ({}): removed the {} oldest, {} removed so far", limits, dropped, evicted);
    }
    DeadLetter stored = letter.withId(++lastId);
    letters.put(stored.id(), stored);
    bytes += size;
    return CompletableFuture.completedFuture(stored);
  }

  @Override
  public synchronized CompletableFuture<Boolean> replace(DeadLetter letter) {
    DeadLetter old = letters.get(letter.id());
    if (old == null) {
      return CompletableFuture.completedFuture(false);
    }
    letters.put(letter.id(), letter);
    bytes += letter.payload().length - old.payload().length;
    return CompletableFuture.completedFuture(true);
  }

  @Override
  public List<DeadLetter> list(long after, int limit, @Nullable String connector) {
    List<DeadLetter> out = new ArrayList<>();
    for (Map.Entry<Long, DeadLetter> e : letters.tailMap(after, false).entrySet()) {
      if (out.size() == limit) {
        break;
      }
      if (connector == null || connector.equals(e.getValue().connector())) {
        out.add(e.getValue());
      }
    }
    return out;
  }

  @Override
  public Optional<DeadLetter> get(long id) {
    return Optional.ofNullable(letters.get(id));
  }

  @Override
  public synchronized boolean remove(long id) {
    DeadLetter old = letters.remove(id);
    if (old != null) {
      bytes -= old.payload().length;
    }
    return old != null;
  }

  @Override
  public long count() {
    return letters.size();
  }

  @Override
  public synchronized long bytes() {
    return bytes;
  }

  @Override
  public synchronized long evicted() {
    return evicted;
  }

  @Override
  public void close() {}
}
