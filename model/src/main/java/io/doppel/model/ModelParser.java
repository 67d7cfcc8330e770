package io.doppel.model;

import java.util.List;

/**
 * Parses, resolves and validates a batch of DTDL documents as a whole.
 *
 * <p>Each input text is one JSON document: a single Interface or an array of them. References between the
 * documents of a batch are resolved among themselves first, then through the {@link ModelResolver}.
 */
public final class ModelParser {
  private final ParseOptions options;

  public ModelParser(ParseOptions options) {
    this.options = options;
  }

  public static ModelParser withDefaults() {
    return new ModelParser(ParseOptions.defaults());
  }

  public ParseResult parse(List<String> documents, ModelResolver resolver) {
    throw new IllegalStateException("the DTDL parser is being written: see io.doppel.model");
  }
}
