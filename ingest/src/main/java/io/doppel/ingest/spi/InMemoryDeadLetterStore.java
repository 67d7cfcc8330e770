package io.doppel.ingest.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/** Dead letters in memory, for tests and a server run without a data directory. */
final class InMemoryDeadLetterStore implements DeadLetterStore {
  private final ConcurrentSkipListMap<Long, DeadLetter> letters = new ConcurrentSkipListMap<>();
  private final AtomicLong lastId = new AtomicLong();

  @Override
  public CompletableFuture<DeadLetter> add(DeadLetter letter) {
    DeadLetter stored = letter.withId(lastId.incrementAndGet());
    letters.put(stored.id(), stored);
    return CompletableFuture.completedFuture(stored);
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
  public boolean remove(long id) {
    return letters.remove(id) != null;
  }

  @Override
  public long count() {
    return letters.size();
  }

  @Override
  public void close() {}
}
