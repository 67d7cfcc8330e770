package io.doppel.twin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The members of a small JSON object in insertion order, as two parallel arrays: what a patch copies, edits and
 * keeps of a twin's top level and {@code $metadata}. A {@code LinkedHashMap} spends a hashed entry object per member
 * and re-hashes every key on a copy, which made copying those two objects the second cost of a patch after encoding;
 * here a copy is two array copies, and a lookup among a twin's dozen members is a scan that mostly compares keys by
 * identity (the keys are shared with the document the copy was made from). Jackson's {@code ObjectNode} takes any
 * map; this one is meant for objects of tens of members, not thousands.
 */
final class Members extends AbstractMap<String, JsonNode> {
  /** The most members an object may have for a copy of it to use this map (a lookup scans them). */
  static final int MAX_SMALL = 64;

  private String[] keys;
  private JsonNode[] values;
  private int size;
  /** Structural changes, so that iterators fail fast as {@code LinkedHashMap}'s do. */
  private int modifications;
  private @Nullable Entries entries;

  Members(int capacity) {
    keys = new String[Math.max(4, capacity)];
    values = new JsonNode[keys.length];
  }

  /** A copy with room for {@code extra} more members without growing. */
  Members copy(int extra) {
    Members copy = new Members(0);
    copy.keys = Arrays.copyOf(keys, size + Math.max(1, extra));
    copy.values = Arrays.copyOf(values, copy.keys.length);
    copy.size = size;
    return copy;
  }

  /** A copy of the members of {@code entries}, in their order. */
  static Members of(Set<Map.Entry<String, JsonNode>> entries, int extra) {
    Members copy = new Members(entries.size() + extra);
    for (Map.Entry<String, JsonNode> e : entries) {
      copy.keys[copy.size] = e.getKey();
      copy.values[copy.size++] = e.getValue();
    }
    return copy;
  }

  private int indexOf(@Nullable Object key) {
    for (int i = 0; i < size; i++) {
      if (keys[i] == key) {
        return i;
      }
    }
    if (key instanceof String) {
      for (int i = 0; i < size; i++) {
        if (keys[i].equals(key)) {
          return i;
        }
      }
    }
    return -1;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public boolean containsKey(@Nullable Object key) {
    return indexOf(key) >= 0;
  }

  @Override
  public @Nullable JsonNode get(@Nullable Object key) {
    int i = indexOf(key);
    return i < 0 ? null : values[i];
  }

  @Override
  public @Nullable JsonNode put(String key, JsonNode value) {
    int i = indexOf(key);
    if (i >= 0) {
      JsonNode old = values[i];
      values[i] = value;
      return old;
    }
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, size * 2);
      values = Arrays.copyOf(values, size * 2);
    }
    keys[size] = key;
    values[size++] = value;
    modifications++;
    return null;
  }

  @Override
  public @Nullable JsonNode remove(@Nullable Object key) {
    int i = indexOf(key);
    if (i < 0) {
      return null;
    }
    JsonNode old = values[i];
    removeAt(i);
    return old;
  }

  private void removeAt(int i) {
    System.arraycopy(keys, i + 1, keys, i, size - i - 1);
    System.arraycopy(values, i + 1, values, i, size - i - 1);
    size--;
    keys[size] = null;
    values[size] = null;
    modifications++;
  }

  @Override
  public void clear() {
    Arrays.fill(keys, 0, size, null);
    Arrays.fill(values, 0, size, null);
    size = 0;
    modifications++;
  }

  @Override
  public Set<Map.Entry<String, JsonNode>> entrySet() {
    Entries view = entries;
    if (view == null) {
      view = new Entries();
      entries = view;
    }
    return view;
  }

  /**
   * The entry set, which also lets a reader that knows it walk the members by index without an entry object per
   * member (the encoder does, for every write).
   */
  final class Entries extends AbstractSet<Map.Entry<String, JsonNode>> {
    @Override
    public int size() {
      return size;
    }

    Members owner() {
      return Members.this;
    }

    String key(int index) {
      return keys[index];
    }

    JsonNode value(int index) {
      return values[index];
    }

    @Override
    public Iterator<Map.Entry<String, JsonNode>> iterator() {
      return new Iterator<>() {
        private int next;
        private int last = -1;
        private int expected = modifications;

        @Override
        public boolean hasNext() {
          return next < size;
        }

        @Override
        public Map.Entry<String, JsonNode> next() {
          if (expected != modifications) {
            throw new ConcurrentModificationException();
          }
          if (next >= size) {
            throw new NoSuchElementException();
          }
          last = next++;
          return new Member(last);
        }

        @Override
        public void remove() {
          if (last < 0) {
            throw new IllegalStateException();
          }
          if (expected != modifications) {
            throw new ConcurrentModificationException();
          }
          removeAt(last);
          next = last;
          last = -1;
          expected = modifications;
        }
      };
    }
  }

  /** A live view of the member at an index, as {@code LinkedHashMap}'s entries are. */
  private final class Member implements Map.Entry<String, JsonNode> {
    private final int index;
    private final String key;
    /** The value when the entry was read, answered if the member has since been removed (as a removed entry does). */
    private final JsonNode seen;

    Member(int index) {
      this.index = index;
      this.key = keys[index];
      this.seen = values[index];
    }

    @Override
    public String getKey() {
      return key;
    }

    @Override
    public JsonNode getValue() {
      if (index < size && keys[index] == key) {
        return values[index];
      }
      JsonNode now = get(key);
      return now != null ? now : seen;
    }

    @Override
    public JsonNode setValue(JsonNode value) {
      JsonNode old = getValue();
      put(key, value);
      return old;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Map.Entry<?, ?> e && key.equals(e.getKey()) && getValue().equals(e.getValue());
    }

    @Override
    public int hashCode() {
      return key.hashCode() ^ getValue().hashCode();
    }

    @Override
    public String toString() {
      return key + "=" + getValue();
    }
  }
}
