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

  /**
   * Overwrites the letter with {@code letter.id()} (a replay that failed again, with its new reason); completes
   * with false, writing nothing, when that letter is gone.
   */
  CompletableFuture<Boolean> replace(DeadLetter letter);

  /** Removes the letter; false when there was none. */
  boolean remove(long id);

  long count();

  /** The payload bytes of the letters kept. */
  default long bytes() {
    return 0;
  }

  /** Letters removed, oldest first, to stay within the store's limits since it was created (never reset). */
  default long evicted() {
    return 0;
  }

  @Override
  void close();

  static DeadLetterStore inMemory() {
    return inMemory(DeadLetterLimits.DEFAULT);
  }

  static DeadLetterStore inMemory(DeadLetterLimits limits) {
    return new InMemoryDeadLetterStore(limits);
  }
}
