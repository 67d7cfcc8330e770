package io.doppel.model;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A named member of an Interface: the closed set of DTDL content kinds. */
public sealed interface Content
    permits Content.Property, Content.Telemetry, Content.Command, Content.Relationship, Content.Component {

  String name();

  Element element();

  /** The Interface that declares this content (an ancestor, when inherited through {@code extends}). */
  Dtmi definedIn();

  record Property(String name, Schema schema, boolean writable, Element element, Dtmi definedIn)
      implements Content {}

  record Telemetry(String name, Schema schema, Element element, Dtmi definedIn) implements Content {}

  /** A Command; request and response are absent when the command takes or returns nothing. */
  record Command(
      String name,
      @Nullable CommandPayload request,
      @Nullable CommandPayload response,
      Element element,
      Dtmi definedIn)
      implements Content {}

  record CommandPayload(String name, Schema schema, boolean nullable, Element element) {}

  /**
   * A Relationship; {@code target} is absent when any twin may be targeted. Multiplicities are absent when the
   * model leaves them open. {@code properties} are the relationship's own properties, keyed by name.
   */
  record Relationship(
      String name,
      @Nullable Dtmi target,
      @Nullable Integer minMultiplicity,
      @Nullable Integer maxMultiplicity,
      boolean writable,
      Map<String, Property> properties,
      Element element,
      Dtmi definedIn)
      implements Content {
    public Relationship {
      properties = Map.copyOf(properties);
    }
  }

  /** A Component: a named part of a twin whose contents are those of the Interface {@code schema}. */
  record Component(String name, Dtmi schema, Element element, Dtmi definedIn) implements Content {}

  /** The contents of a list that are of one kind, in order. */
  static <T extends Content> List<T> ofKind(List<Content> contents, Class<T> kind) {
    return contents.stream().filter(kind::isInstance).map(kind::cast).toList();
  }
}
