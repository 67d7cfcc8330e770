package io.doppel.ingest.spi;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Durable dead letters. {@link #add} completes once the letter is durable (a connector acknowledges the message
 * only then); ids increase in the order letters were added.
 */
public interface DeadLetterStore extends AutoCloseable {
  /** Stores {@code letter} under a new id (its own id is ignored) and answers the stored letter. */
  CompletableFuture<DeadLetter> add(DeadLetter letter);

  /** Up to {@code limit} letters with ids greater than {@code after} (0 for the first), oldest first. */
  List<DeadLetter> list(long after, int limit, @Nullable String connector);

  Optional<DeadLetter> get(long id);

  /** Removes the letter; false when there was none. */
  boolean remove(long id);

  long count();

  @Override
  void close();

  static DeadLetterStore inMemory() {
    return new InMemoryDeadLetterStore();
  }
}
