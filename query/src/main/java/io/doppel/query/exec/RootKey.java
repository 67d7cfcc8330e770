package io.doppel.query.exec;

import io.doppel.twin.IndexEntry;

/** Where the first collection's read has got to: a twin id, a property-index entry, or a relationship. */
public sealed interface RootKey {
  record Id(String id) implements RootKey {}

  record Entry(IndexEntry entry) implements RootKey {}

  record Rel(String sourceId, String relationshipId) implements RootKey {}
}
