package io.doppel.query.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.query.plan.Analyzed.PatternEdge;
import java.util.List;

/**
 * What to run: the access path binding the first collection, the filters that apply once it is bound, then one
 * expansion step per pattern edge, each with the filters that become decidable after it. {@code explain} says why.
 */
public record Plan(Analyzed analyzed, Access root, int fingerprint, List<Term> rootFilters, List<Step> steps,
    ObjectNode explain) {
  public Plan {
    rootFilters = List.copyOf(rootFilters);
    steps = List.copyOf(steps);
  }

  /**
   * Expand {@code edge} from the bound twin in {@code fromSlot} to {@code toSlot}; {@code forward} when that follows
   * the edge as written. When {@code toSlot} is already bound (a cycle in the pattern) the step only checks it.
   */
  public record Step(PatternEdge edge, int fromSlot, int toSlot, boolean forward, boolean toBound,
      List<Term> filters) {
    public Step {
      filters = List.copyOf(filters);
    }
  }
}
