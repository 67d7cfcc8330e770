package io.doppel.history.spi;

/**
 * What a logged change did. Every engine event has its kind; the two {@code *_RECOVERED} kinds are states the
 * history recorded itself when it found it had missed changes (see {@code CatchUp}): they say what an entity was
 * when the history caught up, not a change anyone made, and are never replayed as events.
 */
public enum ChangeKind {
  TWIN_CREATED("twin.created"),
  TWIN_REPLACED("twin.replaced"),
  TWIN_PATCHED("twin.patched"),
  TWIN_DELETED("twin.deleted"),
  TWIN_RECOVERED("twin.recovered"),
  RELATIONSHIP_CREATED("relationship.created"),
  RELATIONSHIP_REPLACED("relationship.replaced"),
  RELATIONSHIP_PATCHED("relationship.patched"),
  RELATIONSHIP_DELETED("relationship.deleted"),
  RELATIONSHIP_RECOVERED("relationship.recovered"),
  MODELS_ADDED("model.added"),
  MODEL_DELETED("model.deleted"),
  MODEL_DECOMMISSIONED("model.decommissioned");

  private final String label;

  ChangeKind(String label) {
    this.label = label;
  }

  /** The name clients see, the change stream's event type without its {@code io.doppel.} prefix. */
  public String label() {
    return label;
  }

  public boolean isRelationship() {
    return name().startsWith("RELATIONSHIP_");
  }

  public boolean isModel() {
    return name().startsWith("MODEL");
  }

  /** After this change the twin or relationship no longer exists. */
  public boolean isDelete() {
    return this == TWIN_DELETED || this == RELATIONSHIP_DELETED;
  }

  public boolean isRecovered() {
    return this == TWIN_RECOVERED || this == RELATIONSHIP_RECOVERED;
  }

  public static ChangeKind ofLabel(String label) {
    for (ChangeKind k : values()) {
      if (k.label.equals(label)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown change kind '" + label + "'");
  }
}
