package io.doppel.query.exec;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.model.Dtmi;
import io.doppel.query.plan.ModelMatch;
import io.doppel.query.plan.Term;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A resolved condition ({@link io.doppel.query.plan.Analyzer#condition}) tested against one twin document with the
 * query evaluator's own semantics, so a filter and a query never disagree about what matches. Stateless and
 * thread-safe.
 */
public final class TwinCondition {
  private final Term term;

  public TwinCondition(Term term) {
    this.term = term;
  }

  /**
   * @param twinId the twin's {@code $dtId}
   * @param twin the twin's document ({@code $metadata} and properties)
   * @param model the twin's model, or null when unknown (IS_OF_MODEL is then false)
   * @param lineage the model and every model it extends, resolved by the caller from its catalog
   */
  public boolean test(String twinId, JsonNode twin, @Nullable Dtmi model, Set<Dtmi> lineage) {
    Evaluator evaluator = new Evaluator((id, m) ->
        model != null && ModelMatch.acceptsLineage(model, lineage, m.model(), m.exact()));
    return evaluator.passes(term, new Entity[] {new Entity.Twin(twinId, twin)});
  }
}
