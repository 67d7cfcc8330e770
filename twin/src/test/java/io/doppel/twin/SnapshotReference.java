package io.doppel.twin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.model.Dtmi;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A plain copy of the whole graph read through the engine's ordinary API while nothing writes: what a snapshot
 * taken at the same moment must keep answering, read by read and iterator by iterator, whatever happens later.
 */
final class SnapshotReference {
  final TreeMap<String, TwinView> twins = new TreeMap<>();
  final Map<String, List<RelationshipView>> outgoing = new TreeMap<>();
  final Map<String, List<RelationshipView>> incoming = new TreeMap<>();
  final long version;

  private SnapshotReference(long version) {
    this.version = version;
  }

  static SnapshotReference capture(TwinEngine engine) {
    SnapshotReference ref = new SnapshotReference(engine.version());
    String token = null;
    do {
      Page<TwinView> page = engine.listTwins(token, 1000);
      page.items().forEach(t -> ref.twins.put(t.id(), t));
      token = page.continuation();
    } while (token != null);
    List<RelationshipView> all = new ArrayList<>();
    for (String id : ref.twins.keySet()) {
      List<RelationshipView> out = engine.listRelationships(id, null, null, 10_000).items();
      ref.outgoing.put(id, out);
      all.addAll(out);
    }
    all.sort(Comparator.comparing(RelationshipView::sourceId).thenComparing(RelationshipView::id));
    for (RelationshipView r : all) {
      ref.incoming.computeIfAbsent(r.targetId(), k -> new ArrayList<>()).add(r);
    }
    return ref;
  }

  /** The twins a snapshot shows, read one by one (relationships left out): an oracle for its indexes. */
  static SnapshotReference fromSnapshot(GraphSnapshot snapshot) {
    SnapshotReference ref = new SnapshotReference(snapshot.version());
    snapshot.twinIds("", null).forEachRemaining(id -> ref.twins.put(id, snapshot.twin(id)));
    return ref;
  }

  Dtmi modelOf(String id) {
    return new Dtmi(twins.get(id).json().path("$metadata").path("$model").asText());
  }

  /** Entries of an index at the reference's moment: computed from the documents, not from any index. */
  TreeSet<IndexEntry> index(String path) {
    IndexPath parsed = IndexPath.parse(path);
    TreeSet<IndexEntry> entries = new TreeSet<>();
    twins.forEach((id, twin) -> {
      IndexValue value = parsed.valueIn(twin.json());
      if (value != null) {
        entries.add(new IndexEntry(value, id));
      }
    });
    return entries;
  }

  /** The reference's answer to a range: same rule as {@link IndexRange}'s javadoc, written out independently. */
  static boolean inRange(IndexValue v, IndexRange r) {
    IndexValue lower = r.lower();
    IndexValue upper = r.upper();
    IndexValue typed = lower != null ? lower : upper;
    if (typed == null) {
      return true;
    }
    if (v.getClass() != typed.getClass() || (upper != null && upper.getClass() != typed.getClass())) {
      return false;
    }
    if (lower != null) {
      int c = v.compareTo(lower);
      if (c < 0 || (c == 0 && !r.lowerInclusive())) {
        return false;
      }
    }
    if (upper != null) {
      int c = v.compareTo(upper);
      return c < 0 || (c == 0 && r.upperInclusive());
    }
    return true;
  }

  /** Asserts that every kind of read of {@code snapshot} answers what this reference says. */
  void assertMatches(GraphSnapshot snapshot, List<String> indexPaths) {
    assertThat(snapshot.version()).isEqualTo(version);
    assertThat(snapshot.twinCount()).isEqualTo(twins.size());
    assertThat(list(snapshot.twinIds("", null))).containsExactlyElementsOf(twins.keySet());
    for (String prefix : List.of("room-", "flex-", "dev-", "new-", "zzz")) {
      assertThat(list(snapshot.twinIds(prefix, null)))
          .containsExactlyElementsOf(twins.keySet().stream().filter(id -> id.startsWith(prefix)).toList());
    }
    // Paging with "after" resumes exactly where the last page ended.
    List<String> all = new ArrayList<>(twins.keySet());
    if (all.size() > 10) {
      String after = all.get(all.size() / 3);
      assertThat(list(snapshot.twinIds("", after))).containsExactlyElementsOf(twins.tailMap(after, false).keySet());
    }
    Set<Dtmi> models = new TreeSet<>(Comparator.comparing(Dtmi::value));
    twins.keySet().forEach(id -> models.add(modelOf(id)));
    for (Dtmi model : models) {
      assertThat(list(snapshot.twinIdsOfModels(Set.of(model), null))).as("twins of %s", model)
          .containsExactlyElementsOf(twins.keySet().stream().filter(id -> modelOf(id).equals(model)).toList());
    }
    Set<Dtmi> pair = Set.of(new Dtmi(Fixtures.ROOM), new Dtmi("dtmi:test:FlexNum;1"));
    assertThat(list(snapshot.twinIdsOfModels(pair, null)))
        .containsExactlyElementsOf(twins.keySet().stream().filter(id -> pair.contains(modelOf(id))).toList());
    for (TwinView twin : twins.values()) {
      assertThat(snapshot.twin(twin.id())).as("twin %s", twin.id()).isEqualTo(twin);
      assertThat(snapshot.modelOf(twin.id())).isEqualTo(modelOf(twin.id()));
      assertThat(snapshot.outgoing(twin.id(), null)).as("outgoing of %s", twin.id())
          .isEqualTo(outgoing.getOrDefault(twin.id(), List.of()));
      assertThat(snapshot.incoming(twin.id(), null)).as("incoming of %s", twin.id())
          .isEqualTo(incoming.getOrDefault(twin.id(), List.of()));
      assertThat(snapshot.outgoing(twin.id(), "near")).isEqualTo(outgoing.getOrDefault(twin.id(), List.of())
          .stream().filter(r -> r.name().equals("near")).toList());
    }
    for (String path : indexPaths) {
      assertIndexMatches(snapshot, path);
    }
  }

  void assertIndexMatches(GraphSnapshot snapshot, String path) {
    TreeSet<IndexEntry> entries = index(path);
    for (IndexRange range : rangesOver(entries)) {
      List<IndexEntry> expected = entries.stream().filter(e -> inRange(e.value(), range)).toList();
      assertThat(list(snapshot.indexRange(path, range, null))).as("%s in %s", path, range)
          .containsExactlyElementsOf(expected);
      if (expected.size() > 2) {
        IndexEntry after = expected.get(expected.size() / 2);
        assertThat(list(snapshot.indexRange(path, range, after))).as("%s in %s after %s", path, range, after)
            .containsExactlyElementsOf(expected.subList(expected.size() / 2 + 1, expected.size()));
      }
    }
  }

  /** Equalities, open and closed ranges, inclusive and exclusive, of every type present, plus absent values. */
  static List<IndexRange> rangesOver(TreeSet<IndexEntry> entries) {
    List<IndexRange> ranges = new ArrayList<>();
    ranges.add(new IndexRange(null, false, null, false));
    List<IndexValue> values = entries.stream().map(IndexEntry::value).distinct().toList();
    List<IndexValue> probes = new ArrayList<>(values.size() > 12 ? sample(values) : values);
    probes.add(new IndexValue.Num(-1e9));
    probes.add(new IndexValue.Str("m"));
    probes.add(new IndexValue.Bool(true));
    for (IndexValue v : probes) {
      ranges.add(IndexRange.equalTo(v));
      ranges.add(new IndexRange(v, false, null, false));
      ranges.add(new IndexRange(v, true, null, false));
      ranges.add(new IndexRange(null, false, v, false));
      ranges.add(new IndexRange(null, false, v, true));
    }
    for (int i = 0; i + 1 < probes.size(); i++) {
      IndexValue a = probes.get(i);
      IndexValue b = probes.get(i + 1);
      ranges.add(new IndexRange(a, true, b, true));
      ranges.add(new IndexRange(a, false, b, false));
    }
    return ranges;
  }

  private static List<IndexValue> sample(List<IndexValue> values) {
    List<IndexValue> sample = new ArrayList<>();
    for (int i = 0; i < values.size(); i += values.size() / 10) {
      sample.add(values.get(i));
    }
    sample.add(values.get(values.size() - 1));
    return sample;
  }

  static <T> List<T> list(Iterator<T> it) {
    List<T> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  static ObjectNode flex(@Nullable Object value) {
    String model = switch (value) {
      case Boolean b -> "dtmi:test:FlexBool;1";
      case Number n -> "dtmi:test:FlexNum;1";
      case null -> "dtmi:test:FlexNum;1";
      default -> "dtmi:test:FlexStr;1";
    };
    ObjectNode twin = Fixtures.json("{\"$metadata\": {\"$model\": \"" + model + "\"}}");
    switch (value) {
      case Boolean b -> twin.put("v", b);
      case Integer n -> twin.put("v", n);
      case Number n -> twin.put("v", n.doubleValue());
      case String s -> twin.put("v", s);
      case null -> { }
      default -> throw new IllegalArgumentException(String.valueOf(value));
    }
    return twin;
  }

  /** Three models whose property {@code v} has different types: a twin replaced across them changes type. */
  static List<String> flexModels() {
    return List.of("""
        {"@context": "dtmi:dtdl:context;3", "@id": "dtmi:test:FlexNum;1", "@type": "Interface",
         "contents": [{"@type": "Property", "name": "v", "schema": "double", "writable": true}]}""", """
        {"@context": "dtmi:dtdl:context;3", "@id": "dtmi:test:FlexStr;1", "@type": "Interface",
         "contents": [{"@type": "Property", "name": "v", "schema": "string", "writable": true}]}""", """
        {"@context": "dtmi:dtdl:context;3", "@id": "dtmi:test:FlexBool;1", "@type": "Interface",
         "contents": [{"@type": "Property", "name": "v", "schema": "boolean", "writable": true}]}""");
  }
}
