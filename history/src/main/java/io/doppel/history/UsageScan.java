package io.doppel.history;

import io.doppel.history.spi.SeriesKey;
import io.doppel.history.spi.SeriesStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Disk use per model, from the chunks' sizes and segment headers: every chunk is visited (a few at a time) but
 * none is decoded, so the scan costs about one read of the history's bytes. A series counts for the model its twin
 * had when it was last written, as retention does; a series whose chunks retention has all dropped counts not at all.
 */
final class UsageScan {
  /** Key bytes besides twin id and name: tenant, separators, kind and the 8-byte start. */
  private static final int KEY_OVERHEAD = 20;

  private UsageScan() {}

  static List<ModelUsage> run(SeriesStore store) {
    List<Map.Entry<SeriesKey, String>> all = new ArrayList<>();
    store.forEachSeries((key, model) -> all.add(Map.entry(key, model)));
    Map<String, long[]> totals = new TreeMap<>(); // series, points, bytes, oldest
    for (Map.Entry<SeriesKey, String> series : all) {
      SeriesKey key = series.getKey();
      long keyBytes = KEY_OVERHEAD + key.twinId().getBytes(StandardCharsets.UTF_8).length
          + key.name().getBytes(StandardCharsets.UTF_8).length;
      long[] one = {0, 0, 0, Long.MAX_VALUE};
      try {
        ChunkWalk.walk(store, key, Long.MIN_VALUE, Long.MAX_VALUE, chunk -> {
          ChunkCodec.Summary summary = ChunkCodec.summarize(chunk.start(), chunk.data());
          one[1] += summary.points();
          one[2] += chunk.data().length + keyBytes;
          one[3] = Math.min(one[3], summary.earliest());
          return true;
        });
      } catch (IOException e) {
        throw new UncheckedIOException(e); // the visitor does no I/O
      }
      long[] sum = totals.computeIfAbsent(series.getValue(), m -> new long[] {0, 0, 0, Long.MAX_VALUE});
      if (one[1] > 0) {
        sum[0]++;
        sum[1] += one[1];
        sum[2] += one[2];
        sum[3] = Math.min(sum[3], one[3]);
      }
    }
    List<ModelUsage> out = new ArrayList<>();
    totals.forEach((model, t) -> out.add(new ModelUsage(model, t[0], t[1], t[2],
        t[3] == Long.MAX_VALUE ? null : Instant.ofEpochMilli(t[3]))));
    return out;
  }
}
