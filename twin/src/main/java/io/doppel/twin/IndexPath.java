package io.doppel.twin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An indexed property path: a top-level property ({@code status}) or a component's property
 * ({@code thermostat.setPoint}). Names follow DTDL's rule, so a dot can only separate component and property.
 */
record IndexPath(String text, @Nullable String component, String property) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z](?:[A-Za-z0-9_]{0,510}[A-Za-z0-9])?");

  static IndexPath parse(String text) {
    String[] parts = text.split("\\.", -1);
    for (String part : parts) {
      if (parts.length > 2 || !NAME.matcher(part).matches()) {
        throw new DoppelException(ErrorCode.INVALID_ARGUMENT,
            "invalid index path '" + shorten(text) + "': expected 'property' or 'component.property' with DTDL names",
            List.of(new DoppelException.Detail("invalidIndexPath", "path", shorten(text))));
      }
    }
    return parts.length == 1 ? new IndexPath(text, null, parts[0]) : new IndexPath(text, parts[0], parts[1]);
  }

  /** The primitive value at this path in a twin document, or {@code null} (absent, null, object or array). */
  @Nullable IndexValue valueIn(ObjectNode document) {
    JsonNode node = document;
    if (component != null) {
      node = node.get(component);
      if (!(node instanceof ObjectNode)) {
        return null;
      }
    }
    return of(node.get(property));
  }

  static @Nullable IndexValue of(@Nullable JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isTextual()) {
      return new IndexValue.Str(node.textValue());
    }
    if (node.isNumber()) {
      // + 0.0 turns -0.0 into 0.0, which JSON and the query language treat as equal.
      return new IndexValue.Num(node.doubleValue() + 0.0);
    }
    if (node.isBoolean()) {
      return new IndexValue.Bool(node.booleanValue());
    }
    return null;
  }

  private static String shorten(String text) {
    return text.length() > 100 ? text.substring(0, 100) + "..." : text;
  }
}
