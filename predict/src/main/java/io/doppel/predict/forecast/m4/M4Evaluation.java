package io.doppel.predict.forecast.m4;

import io.doppel.predict.forecast.Baselines;
import io.doppel.predict.forecast.NamedSeries;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Scores forecasts the way M4 did: per series sMAPE and MASE (scaled by the in-sample seasonal naive error at lag
 * m), averaged over the series, OWA relative to Naive2 computed here on the same series.
 */
public final class M4Evaluation {
  private final List<NamedSeries> train;
  private final List<double[]> actual;
  private final int period;
  private final int horizon;

  /** {@code actual.get(i)} are the h values after {@code train.get(i)}. */
  public M4Evaluation(List<NamedSeries> train, List<double[]> actual, int period, int horizon) {
    if (train.size() != actual.size()) {
      throw new IllegalArgumentException(train.size() + " training series but " + actual.size() + " test series");
    }
    this.train = train;
    this.actual = actual;
    this.period = period;
    this.horizon = horizon;
  }

  /** The M4 test: the training series and the test file's first h values. */
  public static M4Evaluation test(List<NamedSeries> train, List<NamedSeries> test, int period, int horizon) {
    return new M4Evaluation(train, test.stream().map(s -> Arrays.copyOf(s.values(), horizon)).toList(), period,
        horizon);
  }

  /** A holdout inside the training part: its last h values are the actuals, the rest is the history. */
  public static M4Evaluation holdout(List<NamedSeries> train, int period, int horizon) {
    List<NamedSeries> head = train.stream().map(s -> new NamedSeries(s.id(),
        Arrays.copyOf(s.values(), s.values().length - horizon))).toList();
    List<double[]> tail = train.stream().map(s -> Arrays.copyOfRange(s.values(), s.values().length - horizon,
        s.values().length)).toList();
    return new M4Evaluation(head, tail, period, horizon);
  }

  public List<NamedSeries> histories() {
    return train;
  }

  public M4Score naive2() {
    return score(train.stream().map(s -> Baselines.naive2(s.values(), period, horizon)).toList());
  }

  /** Scores a method given as (history, horizon) -> forecast. */
  public M4Score score(BiFunction<double[], Integer, double[]> method) {
    return score(train.stream().map(s -> method.apply(s.values(), horizon)).toList());
  }

  /** Scores forecasts already made, one per series in order. */
  public M4Score score(List<double[]> forecasts) {
    double smape = 0, mase = 0, smapeN2 = 0, maseN2 = 0;
    int n = train.size();
    for (int i = 0; i < n; i++) {
      double[] x = train.get(i).values();
      double[] y = actual.get(i);
      double[] f = forecasts.get(i);
      if (f.length < horizon) {
        throw new IllegalArgumentException("series " + train.get(i).id() + ": " + f.length + " values, expected "
            + horizon);
      }
      double[] n2 = Baselines.naive2(x, period, horizon);
      smape += M4Metrics.smape(y, f);
      mase += M4Metrics.mase(x, y, f, period);
      smapeN2 += M4Metrics.smape(y, n2);
      maseN2 += M4Metrics.mase(x, y, n2, period);
    }
    return new M4Score(n, smape / n, mase / n, M4Metrics.owa(smape, mase, smapeN2, maseN2));
  }
}
