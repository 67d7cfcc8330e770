package io.doppel.query.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.query.plan.Access;
import io.doppel.query.plan.Analyzed.GroupColumn;
import io.doppel.query.plan.Analyzed.Output;
import io.doppel.query.plan.Plan;
import io.doppel.query.spi.TwinSignals;
import io.doppel.twin.GraphSnapshot;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One query running over one snapshot, page by page. Plain queries pull rows from a {@link Cursor} until the page is
 * full; aggregations fold every row on the first page and then hand out the (bounded) groups. Not thread-safe: one
 * caller at a time, which the service's lease table guarantees.
 */
public final class Run {
  /** Counters for EXPLAIN, and the page's work budget. */
  static final class Stats {
    final Budget budget;
    long rowsScanned;
    long twinsRead;
    long relationshipsRead;

    Stats(Budget budget) {
      this.budget = budget;
    }
  }

  /** A page of rows; {@code position} is where the next page starts. */
  public record Page(List<JsonNode> rows, boolean done, ResumePoint position) {}

  private final GraphSnapshot snapshot;
  private final Plan plan;
  private final Stats stats;
  private final Evaluator evaluator;
  private final Cursor cursor;
  private final int maxGroups;
  private long emitted;
  private @Nullable List<JsonNode> grouped;
  /** A row read ahead of the page that needed it; the next page starts with it. */
  private Entity @Nullable [] pending;
  private long rowsReturned;

  public Run(GraphSnapshot snapshot, Plan plan, ResumePoint resume, long workBudget, int maxGroups) {
    this(snapshot, plan, resume, workBudget, maxGroups, TwinSignals.NONE);
  }

  /** A run whose signal functions ({@code ANOMALY_SCORE}, ...) are answered by {@code signals}. */
  public Run(GraphSnapshot snapshot, Plan plan, ResumePoint resume, long workBudget, int maxGroups,
      TwinSignals signals) {
    this.snapshot = snapshot;
    this.plan = plan;
    this.stats = new Stats(new Budget(workBudget));
    this.evaluator = new Evaluator(snapshot, signals);
    this.maxGroups = maxGroups;
    this.emitted = resume.emitted();
    boolean aggregate = plan.analyzed().output() instanceof Output.Grouped;
    this.cursor = new Cursor(plan, snapshot, stats, evaluator, aggregate ? ResumePoint.START : resume);
  }

  public Plan plan() {
    return plan;
  }

  public Page next(int maxItems) {
    stats.budget.reset();
    long top = plan.analyzed().top();
    List<JsonNode> rows = new ArrayList<>();
    if (plan.analyzed().output() instanceof Output.Grouped g) {
      if (grouped == null) {
        grouped = aggregate(g);
      }
      while (rows.size() < maxItems && emitted < grouped.size() && emitted < top) {
        rows.add(grouped.get((int) emitted++));
      }
      rowsReturned += rows.size();
      return new Page(rows, emitted >= grouped.size() || emitted >= top, new ResumePoint(null, null, 0, emitted));
    }
    Projector projector = new Projector(evaluator);
    boolean done = emitted >= top;
    while (!done && rows.size() < maxItems) {
      Entity[] row = pending != null ? pending : cursor.next();
      pending = null;
      if (row == null) {
        done = true;
        break;
      }
      rows.add(projector.project(plan.analyzed().output(), row));
      emitted++;
      done = emitted >= top;
    }
    ResumePoint position = cursor.position(emitted);
    if (!done && pending == null) {
      // look one row ahead so a full last page says it is the last, instead of costing the client an empty page
      pending = cursor.next();
      done = pending == null;
    }
    rowsReturned += rows.size();
    return new Page(rows, done, position);
  }

  private List<JsonNode> aggregate(Output.Grouped g) {
    if (isPlainCount(g) && plan.root() instanceof Access.TwinScan) {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      o.put(g.columns().get(0).name(), snapshot.twinCount());
      return List.of(o);
    }
    Grouper grouper = new Grouper(g, evaluator, maxGroups);
    for (Entity[] row = cursor.next(); row != null; row = cursor.next()) {
      grouper.add(row);
    }
    return grouper.results();
  }

  private boolean isPlainCount(Output.Grouped g) {
    return g.keys().isEmpty() && g.columns().size() == 1 && g.columns().get(0) instanceof GroupColumn.Of of
        && of.argument() == null && of.function() == io.doppel.query.plan.Analyzed.Aggregate.COUNT
        && plan.rootFilters().isEmpty() && plan.steps().isEmpty();
  }

  /** What the run has done so far, for EXPLAIN. */
  public ObjectNode stats() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("rowsReturned", rowsReturned);
    o.put("rootRowsScanned", stats.rowsScanned);
    o.put("twinsRead", stats.twinsRead);
    o.put("relationshipsRead", stats.relationshipsRead);
    return o;
  }
}
