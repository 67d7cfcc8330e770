package io.doppel.store.rocksdb;

import java.nio.file.Path;

/** A store that can copy itself, consistently and while it is written, into a new directory (a backup). */
public interface Checkpointable {
  /**
   * Writes a consistent copy of the store into {@code target}, which must not exist yet (its parent must). Files are
   * hard-linked where the file system allows, so this costs a memtable flush rather than a copy of the data.
   */
  StoreCheckpoint checkpoint(Path target);
}
