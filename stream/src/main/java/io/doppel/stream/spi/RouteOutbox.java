package io.doppel.stream.spi;

import java.util.List;
import java.util.Map;

/**
 * Where event routes keep their definitions, the events waiting for delivery (one outbox per route, ordered by
 * engine version) and the letters they parked. Appends come from the engine's writer thread, reads and removals
 * from each route's delivery thread, definitions from API calls: implementations are thread-safe.
 *
 * <p>Durability: {@link #saveRoute}, {@link #deleteRoute}, {@link #park} and {@link #append} survive the process
 * being killed once they return ({@link #append} need not force the disk: it is on the engine's writer thread, after
 * the engine's own synced commit). {@link #remove} may be lost to a crash; the events are then delivered again (the
 * routes promise at-least-once).
 */
public interface RouteOutbox extends AutoCloseable {
  /** Stores (or replaces) a route's definition, durably. */
  void saveRoute(String routeId, String definition);

  /** Deletes a route's definition, its outbox and its parked letters. */
  void deleteRoute(String routeId);

  /** Every stored definition by route id, in id order. */
  Map<String, String> routes();

  /** Adds entries to their routes' outboxes in one write. */
  void append(List<RoutedEntry> entries);

  /** Up to {@code limit} entries of the route's outbox with versions above {@code afterVersion}, oldest first. */
  List<OutboxEntry> read(String routeId, long afterVersion, int limit);

  /** Removes every entry of the route's outbox up to and including {@code upToVersion}: they were delivered. */
  void remove(String routeId, long upToVersion);

  /** Moves the letter's entry from the outbox to the route's parked letters, in one durable write. */
  void park(String routeId, ParkedLetter letter);

  /** Up to {@code limit} parked letters of the route with versions above {@code afterVersion}, oldest first. */
  List<ParkedLetter> letters(String routeId, long afterVersion, int limit);

  /** Removes one parked letter; false when there was none. */
  boolean removeLetter(String routeId, long version);

  /** How many entries wait in the route's outbox (counted once when a route starts; kept in memory after). */
  long count(String routeId);

  /** How many letters the route has parked. */
  long letterCount(String routeId);

  @Override
  void close();

  /** A non-durable outbox for tests and in-memory servers. */
  static RouteOutbox inMemory() {
    return new InMemoryRouteOutbox();
  }
}
