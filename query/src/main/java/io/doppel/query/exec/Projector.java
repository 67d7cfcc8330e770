package io.doppel.query.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.query.plan.Analyzed.Column;
import io.doppel.query.plan.Analyzed.Output;

/**
 * Shapes rows as ADT does: {@code SELECT *} gives the document itself; projections give an object keyed by column
 * name, leaving out a property the row does not have.
 */
final class Projector {
  private final Evaluator evaluator;

  Projector(Evaluator evaluator) {
    this.evaluator = evaluator;
  }

  JsonNode project(Output output, Entity[] row) {
    return switch (output) {
      case Output.Star s -> row[s.slot()].json();
      case Output.Columns c -> {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        for (Column column : c.columns()) {
          JsonNode v = evaluator.eval(column.term(), row);
          if (v != null) {
            o.set(column.name(), v);
          }
        }
        yield o;
      }
      case Output.Grouped g -> throw new IllegalStateException("grouped rows are built by Grouper");
    };
  }
}
