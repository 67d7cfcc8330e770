package io.doppel.query.exec;

import io.doppel.query.plan.Plan;
import io.doppel.query.plan.Term;
import io.doppel.twin.GraphSnapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Produces a plan's rows one at a time: a depth-first walk over the root rows and then each expansion step, with
 * each filter applied as soon as its collections are bound. It holds one row and one iterator per step, never a
 * result set, and knows its position so a later snapshot can resume where it stopped.
 */
final class Cursor {
  private final Plan plan;
  private final GraphSnapshot snapshot;
  private final Run.Stats stats;
  private final Evaluator evaluator;
  private final Expander expander;
  private final Iterator<RootSource.Item> roots;
  private final Entity[] row;
  private final List<Plan.Step> steps;
  private final List<@Nullable Iterator<Expander.Reached>> levels;
  private int depth = -1;
  private @Nullable RootKey done;
  private @Nullable RootKey current;
  private long producedInCurrent;
  private long skip;
  private @Nullable RootKey skipKey;
  private long skipCount;

  Cursor(Plan plan, GraphSnapshot snapshot, Run.Stats stats, Evaluator evaluator, ResumePoint resume) {
    this.plan = plan;
    this.snapshot = snapshot;
    this.stats = stats;
    this.evaluator = evaluator;
    this.expander = new Expander(snapshot, stats);
    this.steps = plan.steps();
    this.levels = new ArrayList<>(Collections.nCopies(steps.size(), null));
    this.row = new Entity[plan.analyzed().vars().size()];
    this.roots = RootSource.open(plan.root(), snapshot, resume.done(), stats);
    this.done = resume.done();
    this.skipKey = resume.current();
    this.skipCount = resume.skipInCurrent();
  }

  ResumePoint position(long emitted) {
    return new ResumePoint(done, current, producedInCurrent, emitted);
  }

  /** The next row (a fresh array), or null when there are no more. */
  Entity @Nullable [] next() {
    while (true) {
      if (depth < 0) {
        if (current != null) {
          done = current;
          current = null;
        }
        if (!roots.hasNext()) {
          return null;
        }
        RootSource.Item item = roots.next();
        current = item.key();
        producedInCurrent = 0;
        skip = item.key().equals(skipKey) ? skipCount : 0;
        skipKey = null;
        Arrays.fill(row, null);
        row[plan.root().slot()] = item.entity();
        if (!all(plan.rootFilters())) {
          continue;
        }
        if (steps.isEmpty()) {
          if (produce()) {
            return row.clone();
          }
          continue;
        }
        levels.set(0, expand(0));
        depth = 0;
      }
      Iterator<Expander.Reached> it = levels.get(depth);
      if (!it.hasNext()) {
        levels.set(depth, null);
        depth--;
        continue;
      }
      Expander.Reached reached = it.next();
      Plan.Step step = steps.get(depth);
      if (step.toBound()) {
        if (!(row[step.toSlot()] instanceof Entity.Twin bound) || !bound.id.equals(reached.twinId())) {
          continue;
        }
      } else {
        row[step.toSlot()] = new Entity.Twin(reached.twinId(), snapshot, stats);
      }
      if (step.edge().rel() >= 0 && reached.via() != null) {
        row[step.edge().rel()] = new Entity.Rel(reached.via());
      }
      if (!all(step.filters())) {
        continue;
      }
      if (depth == steps.size() - 1) {
        if (produce()) {
          return row.clone();
        }
        continue;
      }
      depth++;
      levels.set(depth, expand(depth));
    }
  }

  /** Counts a produced row; false while skipping rows an earlier page already returned. */
  private boolean produce() {
    producedInCurrent++;
    if (skip > 0) {
      skip--;
      return false;
    }
    return true;
  }

  private Iterator<Expander.Reached> expand(int level) {
    Plan.Step step = steps.get(level);
    Entity.Twin from = (Entity.Twin) row[step.fromSlot()];
    return expander.expand(step, from.id);
  }

  private boolean all(List<Term> filters) {
    for (Term t : filters) {
      if (!evaluator.passes(t, row)) {
        return false;
      }
    }
    return true;
  }
}
