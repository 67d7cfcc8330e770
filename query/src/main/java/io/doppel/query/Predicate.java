package io.doppel.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.model.Dtmi;
import io.doppel.query.exec.TwinCondition;
import io.doppel.query.plan.Analyzer;
import io.doppel.query.syntax.Parser;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A condition in the query language's WHERE syntax, tested against one twin at a time (for change-stream filters):
 * {@code IS_OF_MODEL('dtmi:ex:Pump;1') AND temperature > 25}, {@code STARTSWITH($dtId, 'pump-')}. Parsed and
 * evaluated by the query parser and evaluator, so it means what it means in {@code SELECT * FROM DIGITALTWINS
 * WHERE ...}: unqualified names are the twin's properties, and a missing property or a comparison between
 * different types is undefined and does not match. Immutable and thread-safe.
 */
public final class Predicate {
  private final String text;
  private final TwinCondition condition;

  private Predicate(String text, TwinCondition condition) {
    this.text = text;
    this.condition = condition;
  }

  /**
   * Parses and checks a condition.
   *
   * @throws io.doppel.twin.DoppelException {@code QUERY_INVALID} with the line and column of the first error, as
   *     a query's WHERE clause would give it
   */
  public static Predicate parse(String text) {
    return new Predicate(text, new TwinCondition(Analyzer.condition(Parser.parseCondition(text))));
  }

  /** The condition as written. */
  public String text() {
    return text;
  }

  /**
   * Whether the twin passes.
   *
   * @param twinId the twin's id
   * @param twin the twin's document ({@code $metadata} and properties)
   * @param lineage the twin's model and every model it extends; the model itself is read from
   *     {@code $metadata.$model}
   */
  public boolean matches(String twinId, JsonNode twin, Set<Dtmi> lineage) {
    return condition.test(twinId, twin, model(twin), lineage);
  }

  private static @Nullable Dtmi model(JsonNode twin) {
    String text = twin.path("$metadata").path("$model").asText("");
    return Dtmi.isValid(text) ? Dtmi.parse(text) : null;
  }

  /** Equal when written alike: the same text always parses to the same condition. */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof Predicate p && p.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
