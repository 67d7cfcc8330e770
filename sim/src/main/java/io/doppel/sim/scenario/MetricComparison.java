package io.doppel.sim.scenario;

import org.jspecify.annotations.Nullable;

/**
 * One metric, baseline against scenario, for {@code scope} ("network" or a twin id): the difference of the means,
 * the relative change, whether the two confidence intervals are apart, and the verdict from the metric's direction:
 * {@code better}, {@code worse}, {@code changed} (apart, no better direction) or {@code same} (intervals overlap).
 */
public record MetricComparison(
    String scope,
    String metric,
    Stat baseline,
    Stat scenario,
    @Nullable Double difference,
    @Nullable Double relativeChange,
    boolean separated,
    String verdict) {

  static MetricComparison of(String scope, Metric metric, Stat baseline, Stat scenario) {
    Double diff = null;
    Double rel = null;
    if (baseline.mean() != null && scenario.mean() != null) {
      diff = scenario.mean() - baseline.mean();
      rel = baseline.mean() == 0 ? null : Stat.finite(diff / Math.abs(baseline.mean()));
    }
    boolean separated = baseline.low() != null && baseline.high() != null && scenario.low() != null
        && scenario.high() != null
        && (scenario.low() > baseline.high() || scenario.high() < baseline.low()
            || (baseline.low().equals(baseline.high()) && scenario.low().equals(scenario.high())
                && !baseline.low().equals(scenario.low())));
    String verdict = "same";
    if (separated && diff != null) {
      verdict = switch (metric.direction()) {
        case HIGHER -> diff > 0 ? "better" : "worse";
        case LOWER -> diff < 0 ? "better" : "worse";
        case NEITHER -> "changed";
      };
    }
    return new MetricComparison(scope, metric.json(), baseline, scenario, diff, rel, separated, verdict);
  }
}
