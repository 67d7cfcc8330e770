package io.doppel.history.spi;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The durable log of every twin, relationship and model change, kept beside the history's series and written in
 * the same batches ({@link SeriesWrite.Log}). Reads come from any thread while the history's writer writes; each
 * change is seen whole or not at all.
 *
 * <p>Three orders are cheap: all changes by version (replay), one twin's changes (its own and its outgoing
 * relationships') by time, and one entity's changes by version (rolling the graph back).
 */
public interface ChangeLog {
  /** Where a twin's change history resumes: strictly after this (time, version, entity). */
  record TwinCursor(long time, long version, String entity) {}

  /** Changes with a version greater than {@code after}, in version order, at most {@code max}. */
  List<ChangeRecord> after(long after, int max);

  /**
   * The twins and relationships ({@link ChangeRecord#entity()}, model changes left out) changed at versions in
   * {@code (after, upTo]}, each once: what rolling the graph back to {@code after} has to put back. Reads keys only.
   */
  java.util.Set<String> entitiesChanged(long after, long upTo);

  /**
   * Changes of {@code twinId} and its outgoing relationships with times in {@code [from, to)}, ordered by time and
   * version, strictly after {@code cursor} when given, at most {@code max}.
   */
  List<ChangeRecord> ofTwin(String twinId, long from, long to, @Nullable TwinCursor cursor, int max);

  /** The last change of an entity ({@link ChangeRecord#entity()}) with a version at or below {@code version}. */
  Optional<ChangeRecord> lastOf(String entity, long version);

  /** {@link #lastOf(String, long)} of many entities at once (a rollback asks for every entity changed since). */
  default java.util.Map<String, ChangeRecord> lastOf(java.util.Collection<String> entities, long version) {
    java.util.Map<String, ChangeRecord> out = new java.util.HashMap<>();
    for (String entity : entities) {
      lastOf(entity, version).ifPresent(c -> out.put(entity, c));
    }
    return out;
  }

  /**
   * The version of the newest change (by time, then version) whose time is at or before {@code time}, or 0 when
   * there is none.
   */
  long versionAt(long time);

  /** Changes whose time is before {@code time}, oldest first (retention walks them). */
  void forEachBefore(long time, Consumer<ChangeRecord> visitor);

  /** The newest change of each entity, in entity order (catch-up looks for entities deleted while it was away). */
  void forEachLatest(Consumer<ChangeRecord> visitor);

  /** What the log answers for; empty until the history first wrote them (a log that has never been opened). */
  Optional<ChangeBounds> bounds();
}
