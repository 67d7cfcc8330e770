package io.doppel.history.spi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.BiConsumer;

/** {@link SeriesStore#inMemory()}: sorted maps; each chunk's bytes are replaced whole, so readers never see half. */
final class InMemorySeriesStore implements SeriesStore {
  private final ConcurrentMap<SeriesKey, ConcurrentSkipListMap<Long, byte[]>> chunks = new ConcurrentHashMap<>();
  private final ConcurrentSkipListMap<String, ConcurrentSkipListMap<String, String>> catalog =
      new ConcurrentSkipListMap<>();
  private final ConcurrentMap<String, String> settings = new ConcurrentHashMap<>();
  private volatile long recorded;
  private final InMemoryChangeLog changes = new InMemoryChangeLog();

  @Override
  public synchronized void write(List<SeriesWrite> batch) {
    for (SeriesWrite w : batch) {
      switch (w) {
        case SeriesWrite.Append a -> of(a.series()).merge(a.start(), a.bytes(), InMemorySeriesStore::concat);
        case SeriesWrite.Replace r -> of(r.series()).put(r.start(), r.bytes().clone());
        case SeriesWrite.DeleteBefore d -> of(d.series()).headMap(d.start(), false).clear();
        case SeriesWrite.Delete d -> of(d.series()).remove(d.start());
        case SeriesWrite.Register r -> catalog.computeIfAbsent(r.series().twinId(), k -> new ConcurrentSkipListMap<>())
            .put(r.series().name(), r.model());
        case SeriesWrite.Setting s -> settings.put(s.name(), s.value());
        case SeriesWrite.Recorded r -> recorded = r.version();
        case SeriesWrite.Log l -> changes.log(l.change());
        case SeriesWrite.Unlog u -> changes.unlog(u.change());
        case SeriesWrite.Bounds b -> changes.bounds(b.bounds());
      }
    }
  }

  @Override
  public List<StoredChunk> chunks(SeriesKey series, long from, long to) {
    NavigableMap<Long, byte[]> all = chunks.get(series);
    List<StoredChunk> out = new ArrayList<>();
    if (all == null) {
      return out;
    }
    Map.Entry<Long, byte[]> floor = all.floorEntry(from);
    if (floor != null) {
      out.add(new StoredChunk(floor.getKey(), floor.getValue()));
    }
    if (to > from) {
      all.subMap(from, false, to, false).forEach((start, data) -> out.add(new StoredChunk(start, data)));
    }
    return out;
  }

  @Override
  public Optional<StoredChunk> floor(SeriesKey series, long time) {
    NavigableMap<Long, byte[]> all = chunks.get(series);
    Map.Entry<Long, byte[]> e = all == null ? null : all.floorEntry(time);
    return e == null ? Optional.empty() : Optional.of(new StoredChunk(e.getKey(), e.getValue()));
  }

  @Override
  public List<StoredChunk> chunksAfter(SeriesKey series, long after, int limit) {
    NavigableMap<Long, byte[]> all = chunks.get(series);
    List<StoredChunk> out = new ArrayList<>();
    if (all != null) {
      for (Map.Entry<Long, byte[]> e : all.tailMap(after, false).entrySet()) {
        if (out.size() == limit) {
          break;
        }
        out.add(new StoredChunk(e.getKey(), e.getValue()));
      }
    }
    return out;
  }

  @Override
  public Optional<String> setting(String name) {
    return Optional.ofNullable(settings.get(name));
  }

  @Override
  public Optional<StoredChunk> last(SeriesKey series) {
    NavigableMap<Long, byte[]> all = chunks.get(series);
    Map.Entry<Long, byte[]> e = all == null ? null : all.lastEntry();
    return e == null ? Optional.empty() : Optional.of(new StoredChunk(e.getKey(), e.getValue()));
  }

  @Override
  public Map<String, String> series(String twinId) {
    Map<String, String> names = catalog.get(twinId);
    return names == null ? Map.of() : new java.util.TreeMap<>(names);
  }

  @Override
  public long recordedVersion() {
    return recorded;
  }

  @Override
  public void forEachSeries(BiConsumer<SeriesKey, String> visitor) {
    catalog.forEach((twin, names) -> names.forEach((name, model) -> visitor.accept(new SeriesKey(twin, name), model)));
  }

  @Override
  public ChangeLog changes() {
    return changes;
  }

  @Override
  public void close() {
    // Nothing to release: the maps live as long as this object.
  }

  private ConcurrentSkipListMap<Long, byte[]> of(SeriesKey series) {
    return chunks.computeIfAbsent(series, k -> new ConcurrentSkipListMap<>());
  }

  private static byte[] concat(byte[] head, byte[] tail) {
    byte[] all = Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    return all;
  }
}
