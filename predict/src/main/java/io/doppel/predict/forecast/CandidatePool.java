package io.doppel.predict.forecast;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The methods {@link Forecaster} chooses among for one set of periods. A {@link Run} computes them on one series
 * lazily and shares each member's forecast between the method itself and the combination that contains it.
 *
 * <p>A seasonal series long enough for the seasonal AR ({@link SeasonalAr#fits}) gets three candidates: the AR,
 * MSTL+ETS, and their mean. Shorter ones get MSTL+ETS (on the series and on its logarithms), the seasonal
 * naives, and the median of the first with the seasonal naives. MSTL+ETS alone costs a little on M4 Hourly (holdout OWA
 * 0.425 against 0.415 without it) but is kept: on 15-minute series with a daily and a weekend cycle the AR pair
 * chose a mean worse than either member, and MSTL+ETS won (see {@code docs/prediction.md}).
 */
final class CandidatePool {
  private final int[] periods;
  private final boolean log;
  private final boolean ar;
  private final List<String> names = new ArrayList<>();

  /** {@code validationLength}: the points the candidates are validated on, the shorter of the two fits. */
  CandidatePool(int[] periods, boolean positive, int validationLength) {
    this.periods = periods;
    this.log = positive;
    this.ar = periods.length > 0 && SeasonalAr.fits(validationLength, periods);
    String logText = log ? " on log" : "";
    if (periods.length == 0) {
      names.addAll(List.of("ETS", "Theta", "naive", "median(ETS,Theta,naive)"));
    } else if (ar) {
      names.add("AR" + logText);
      names.add("MSTL+ETS" + logText);
      names.add("mean(AR" + logText + ",MSTL+ETS" + logText + ")");
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
    private @Nullable Forecast mstl;

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
      if (ar) {
        return switch (i) {
          case 0 -> seasonalAr();
          case 1 -> mstl();
          default -> Forecaster.median(List.of(forecast(0), mstl()), names.get(i));
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

    private Forecast mstl() {
      if (mstl == null) {
        mstl = MstlForecast.forecast(y, periods, h, log, intervals);
      }
      return mstl;
    }

    /** An AR that cannot be fitted here or runs away is replaced by MSTL+ETS (the mean is then MSTL+ETS too). */
    private Forecast seasonalAr() {
      Forecast f = SeasonalAr.forecast(y, periods, h, log);
      return f != null ? f : mstl();
    }
  }
}
