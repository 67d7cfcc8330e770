package io.doppel.model;

import java.util.List;

/**
 * The outcome of parsing a batch: the Interfaces defined at the top level of the batch's documents (resolved
 * against each other and the resolver), or the reasons the batch is invalid. A batch is accepted or refused whole.
 */
public sealed interface ParseResult permits ParseResult.Valid, ParseResult.Invalid {

  record Valid(List<InterfaceModel> models) implements ParseResult {
    public Valid {
      models = List.copyOf(models);
    }
  }

  record Invalid(List<ParsingError> errors) implements ParseResult {
    public Invalid {
      if (errors.isEmpty()) {
        throw new IllegalArgumentException("an invalid result needs at least one error");
      }
      errors = List.copyOf(errors);
    }
  }
}
