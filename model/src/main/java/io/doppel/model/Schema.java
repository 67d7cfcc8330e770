package io.doppel.model;

import java.util.List;

/** The schema of a property, telemetry, command payload, field or map value: a closed set of shapes. */
public sealed interface Schema
    permits Schema.Primitive, Schema.ObjectSchema, Schema.MapSchema, Schema.EnumSchema, Schema.ArraySchema {

  /** A DTDL primitive (or geospatial) schema. */
  record Primitive(PrimitiveType type) implements Schema {}

  /** An Object: named fields, each with its own schema. */
  record ObjectSchema(List<Field> fields) implements Schema {
    public ObjectSchema {
      fields = List.copyOf(fields);
    }
  }

  /** A Map from string keys (optionally constrained by name) to values of one schema. */
  record MapSchema(String keyName, String valueName, Schema valueSchema) implements Schema {}

  /** An Enum over integer or string values. */
  record EnumSchema(PrimitiveType valueSchema, List<EnumValue> values) implements Schema {
    public EnumSchema {
      values = List.copyOf(values);
    }
  }

  /** An Array of elements of one schema. */
  record ArraySchema(Schema elementSchema) implements Schema {}

  /** One field of an {@link ObjectSchema}. */
  record Field(String name, Schema schema, Element element) {}

  /** One value of an {@link EnumSchema}; {@code value} is a {@link String} or an {@link Integer}. */
  record EnumValue(String name, Object value, Element element) {}
}
