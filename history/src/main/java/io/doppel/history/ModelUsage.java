package io.doppel.history;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What the history of the twins of one model takes: series that hold points, their points, the bytes of their
 * chunks (keys included; RocksDB's own block compression and write amplification are not counted, so the files on
 * disk are within a small factor of this), and the oldest point kept.
 */
public record ModelUsage(String model, long series, long points, long bytes, @Nullable Instant oldest) {}
