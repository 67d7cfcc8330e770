package io.doppel.predict.forecast;

import java.util.ArrayList;
import java.util.List;

/**
 * The methods {@link Forecaster} chooses among for one set of periods. A {@link Run} computes them on one series
 * lazily and shares the MSTL forecast between the method itself and the combination that contains it.
 */
final class CandidatePool {
  private final int[] periods;
  private final boolean log;
  private final List<String> names = new ArrayList<>();

  CandidatePool(int[] periods, boolean positive) {
    this.periods = periods;
    this.log = positive;
    if (periods.length == 0) {
      names.addAll(List.of("ETS", "Theta", "naive", "median(ETS,Theta,naive)"));
    } else {
      names.add(log ? "MSTL+ETS on log" : "MSTL+ETS");
      if (log) {
        names.add("MSTL+ETS");
      }
      for (int m : periods) {
        names.add("sNaive(" + m + ")");
      }
      names.add("median(" + names.get(0) + ",sNaive" + java.util.Arrays.toString(periods).replace(" ", "") + ")");
    }
  }

  int size() {
    return names.size();
  }

  String name(int i) {
    return names.get(i);
  }

  /** The combination: the default when a series is too short to validate on. */
  int combination() {
    return names.size() - 1;
  }

  Run on(double[] y, int h, boolean intervals) {
    return new Run(y, h, intervals);
  }

  final class Run {
    private final double[] y;
    private final int h;
    private final boolean intervals;
    private final Forecast[] done = new Forecast[names.size()];

    private Run(double[] y, int h, boolean intervals) {
      this.y = y;
      this.h = h;
      this.intervals = intervals;
    }

    Forecast forecast(int i) {
      if (done[i] == null) {
        done[i] = compute(i);
      }
      return done[i];
    }

    private Forecast compute(int i) {
      if (periods.length == 0) {
        return switch (i) {
          case 0 -> Forecaster.ets(y, h);
          case 1 -> Forecaster.theta(y, h);
          case 2 -> Forecaster.naive(y, h);
          default -> Forecaster.median(List.of(forecast(0), forecast(1), forecast(2)), names.get(i));
        };
      }
      int naives = log ? 2 : 1;
      if (i == 0) {
        return MstlForecast.forecast(y, periods, h, log, intervals);
      }
      if (log && i == 1) {
        return MstlForecast.forecast(y, periods, h, false, intervals);
      }
      if (i < naives + periods.length) {
        return Forecaster.seasonalNaive(y, periods[i - naives], h);
      }
      List<Forecast> parts = new ArrayList<>();
      parts.add(forecast(0));
      for (int k = 0; k < periods.length; k++) {
        parts.add(forecast(naives + k));
      }
      return Forecaster.median(parts, names.get(i));
    }
  }
}
