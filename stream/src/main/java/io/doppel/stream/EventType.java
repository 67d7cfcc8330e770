package io.doppel.stream;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The CloudEvents {@code type} of each engine event. These strings are API: never rename one. */
public enum EventType {
  TWIN_CREATED("io.doppel.twin.created"),
  TWIN_REPLACED("io.doppel.twin.replaced"),
  TWIN_PATCHED("io.doppel.twin.patched"),
  TWIN_DELETED("io.doppel.twin.deleted"),
  RELATIONSHIP_CREATED("io.doppel.relationship.created"),
  RELATIONSHIP_REPLACED("io.doppel.relationship.replaced"),
  RELATIONSHIP_PATCHED("io.doppel.relationship.patched"),
  RELATIONSHIP_DELETED("io.doppel.relationship.deleted"),
  MODELS_ADDED("io.doppel.model.added"),
  MODEL_DELETED("io.doppel.model.deleted"),
  MODEL_DECOMMISSIONED("io.doppel.model.decommissioned");

  private final String ceType;

  EventType(String ceType) {
    this.ceType = ceType;
  }

  /** The CloudEvents {@code type} attribute, e.g. {@code io.doppel.twin.patched}. */
  public String ceType() {
    return ceType;
  }

  /**
   * The types a filter value names: one type ({@code io.doppel.twin.patched}), or a family with a trailing
   * {@code .*} ({@code io.doppel.twin.*}). Empty when it names none, so the caller can say which value was wrong.
   */
  public static Set<EventType> matching(String pattern) {
    String p = pattern.trim().toLowerCase(Locale.ROOT);
    Set<EventType> out = EnumSet.noneOf(EventType.class);
    for (EventType t : values()) {
      boolean family = p.endsWith(".*") && t.ceType.startsWith(p.substring(0, p.length() - 1));
      if (family || t.ceType.equals(p)) {
        out.add(t);
      }
    }
    return out;
  }
}
