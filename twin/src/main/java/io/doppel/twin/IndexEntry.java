package io.doppel.twin;

/** One twin in a property index: the value it holds at the indexed path, and its id. Ordered by value, then id. */
public record IndexEntry(IndexValue value, String twinId) implements Comparable<IndexEntry> {
  @Override
  public int compareTo(IndexEntry other) {
    int byValue = value.compareTo(other.value);
    return byValue != 0 ? byValue : twinId.compareTo(other.twinId);
  }
}
