package io.doppel.history;

import io.doppel.history.spi.SeriesKey;
import io.doppel.history.spi.SeriesStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Streams several series of a twin over a range into a sink, one series after another, decoding one chunk at a
 * time (see {@link ChunkWalk}): what is held in memory is a few chunks, however long the range and however many
 * series, so a day of 1-second data for thousands of series goes out as it is read.
 */
final class SeriesExport {
  private SeriesExport() {}

  /** Raw points, or with {@code width > 0} one point per bucket aggregated by {@code aggregation}. */
  static void run(SeriesStore store, List<SeriesKey> series, long from, long to, long width,
      @Nullable Aggregation aggregation, ExportSink sink) throws IOException {
    for (SeriesKey key : series) {
      if (width > 0 && aggregation != null) {
        bucketed(store, key, from, to, width, aggregation, sink);
      } else {
        raw(store, key, from, to, sink);
      }
    }
  }

  private static void raw(SeriesStore store, SeriesKey key, long from, long to, ExportSink sink) throws IOException {
    ChunkWalk.walk(store, key, from, to, chunk -> {
      Points points = ChunkCodec.decode(chunk.start(), chunk.data());
      for (int i = 0; i < points.size; i++) {
        long t = points.times[i];
        if (t >= to) {
          return false;
        }
        if (t >= from) {
          sink.point(key.name(), new Point(t, points.values[i], points.text(i)));
        }
      }
      return true;
    });
  }

  private static void bucketed(SeriesStore store, SeriesKey key, long from, long to, long width,
      Aggregation aggregation, ExportSink sink) throws IOException {
    List<Point> out = new ArrayList<>();
    Buckets buckets = new Buckets(width, aggregation, out);
    ChunkWalk.walk(store, key, from, to, chunk -> {
      Points points = ChunkCodec.decode(chunk.start(), chunk.data());
      for (int i = 0; i < points.size; i++) {
        long t = points.times[i];
        if (t >= to) {
          break;
        }
        if (t >= from) {
          buckets.add(t, points.values[i], points.text(i));
        }
      }
      drain(key, out, sink);
      return points.size == 0 || points.last() < to;
    });
    buckets.flush();
    drain(key, out, sink);
  }

  private static void drain(SeriesKey key, List<Point> out, ExportSink sink) throws IOException {
    for (Point p : out) {
      sink.point(key.name(), p);
    }
    out.clear();
  }
}
