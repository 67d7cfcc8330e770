package io.doppel.twin;

import io.doppel.model.Dtmi;
import io.doppel.model.ModelCatalog;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A consistent, read-only view of the twin graph at one committed version, for queries, exports and what-ifs.
 * Writes go on while it is open and it sees none of them; opening one never blocks the writer for longer than a
 * batch takes to apply. Close it when done: an open snapshot makes the engine keep the states it needs. Methods may
 * be called from any thread; iterators are lazy, so a reader holds only what it consumes.
 *
 * <p>A snapshot has a maximum age ({@code TwinEngine.snapshot(Duration)}, 10 minutes by default); past it the engine
 * closes it and every read, including an iterator's next step, throws {@link DoppelException} with
 * {@link ErrorCode#SNAPSHOT_EXPIRED}. Reading after {@link #close()} is a bug and throws
 * {@link IllegalStateException}.
 */
public interface GraphSnapshot extends AutoCloseable {
  /** The committed version this snapshot shows. */
  long version();

  /**
   * The version of the last change before {@link #version()} that added or removed a twin or a relationship in this
   * graph: two snapshots of one engine with the same value have the same twins and relationships. -1 when this view
   * does not know it (a reader then must not reuse what it derived from another snapshot).
   */
  default long linksVersion() {
    return -1;
  }

  ModelCatalog models();

  /** Twins visible in this snapshot. */
  long twinCount();

  /** The twin as it was at {@link #version()}, or {@code null} if it did not exist then. */
  @Nullable TwinView twin(String id);

  /** The model of a visible twin without decoding its document, or {@code null}. */
  @Nullable Dtmi modelOf(String id);

  /** Ids of visible twins that start with {@code prefix} ("" for all), ascending, strictly after {@code after}. */
  Iterator<String> twinIds(String prefix, @Nullable String after);

  /**
   * Ids of visible twins whose model is exactly one of {@code models}, ascending, strictly after {@code after}.
   * Callers expand a model to its descendants themselves ({@link ModelCatalog#descendantsOf}).
   */
  Iterator<String> twinIdsOfModels(Set<Dtmi> models, @Nullable String after);

  /** The twin's outgoing relationships as of this snapshot, ordered by relationship id; all names when null. */
  List<RelationshipView> outgoing(String sourceId, @Nullable String name);

  /** Relationships pointing at the twin as of this snapshot, ordered by source then id; all names when null. */
  List<RelationshipView> incoming(String targetId, @Nullable String name);

  /**
   * Property paths with an index, e.g. {@code status} or {@code thermostat.setPoint} (component, property): the
   * indexes complete when this snapshot opened. An index created later is not visible here; one dropped later makes
   * {@link #indexRange} on it throw {@code INVALID_ARGUMENT}.
   */
  Set<String> indexedPaths();

  /**
   * Visible twins whose value at an indexed {@code path} lies in {@code range}, ordered by (value, id), strictly
   * after {@code after}. Twins without a primitive value at the path are not in any range.
   *
   * @throws DoppelException {@code INVALID_ARGUMENT} if the path has no index
   */
  Iterator<IndexEntry> indexRange(String path, IndexRange range, @Nullable IndexEntry after);

  /** Releases what the engine keeps for this snapshot; closing twice does nothing. */
  @Override
  void close();
}
