package io.doppel.model;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Collects the parsing errors of one batch; duplicates (same code, element, property and value) are kept once. */
final class Problems {
  private final Set<ParsingError> errors = new LinkedHashSet<>();

  void add(String code, @Nullable String primaryId, @Nullable String property, @Nullable Object value, String message) {
    addWithSecondary(code, primaryId, null, property, value, message);
  }

  void addWithSecondary(
      String code,
      @Nullable String primaryId,
      @Nullable String secondaryId,
      @Nullable String property,
      @Nullable Object value,
      String message) {
    String text = value == null ? null
        : value instanceof com.fasterxml.jackson.databind.JsonNode json && json.isValueNode() ? json.asText()
        : value.toString();
    errors.add(new ParsingError(code, primaryId, secondaryId, property, text, message));
  }

  boolean isEmpty() {
    return errors.isEmpty();
  }

  int size() {
    return errors.size();
  }

  List<ParsingError> list() {
    return new ArrayList<>(errors);
  }
}
