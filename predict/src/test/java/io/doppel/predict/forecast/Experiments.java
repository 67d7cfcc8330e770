package io.doppel.predict.forecast;

import java.util.List;

final class Experiments {
  static List<String> names() {
    String only = System.getProperty("methods", "");
    return only.isEmpty() ? List.of("mstl-ets", "ets24", "theta", "mstl-log-ets") : List.of(only.split(","));
  }

  static double[] run(String name, double[] y, int h) {
    return switch (name) {
      case "mstl-ets" -> mstlEts(y, h, false);
      case "mstl-log-ets" -> mstlEts(y, h, true);
      case "mstl-log-nt" -> mstl(y, h, true, "nt", new int[] {24, 168});
      case "mstl-log-damped" -> mstl(y, h, true, "damped", new int[] {24, 168});
      case "mstl-nt" -> mstl(y, h, false, "nt", new int[] {24, 168});
      case "mstl-damped" -> mstl(y, h, false, "damped", new int[] {24, 168});
      case "mstl24-log-ets" -> mstl(y, h, true, "all", new int[] {24});
      case "w21" -> mstlW(y, h, 21);
      case "w41" -> mstlW(y, h, 41);
      case "wper" -> mstlW(y, h, 1001);
      case "comb4" -> mean(mstl(y, h, true, "damped", new int[] {24, 168}), mstl(y, h, false, "damped", new int[] {24, 168}), Baselines.seasonalNaive(y, 24, h));
      case "comb5" -> median(mstl(y, h, true, "damped", new int[] {24, 168}), Baselines.seasonalNaive(y, 24, h), Baselines.seasonalNaive(y, 168, h));
      case "comb6" -> mean(mstl(y, h, true, "damped", new int[] {24, 168}), Baselines.seasonalNaive(y, 24, h), Baselines.seasonalNaive(y, 168, h));
      case "w3" -> mstlW(y, h, 3);
      case "w1" -> mstlW(y, h, 1);
      case "comb7" -> median(mstlW(y, h, 3), Baselines.seasonalNaive(y, 24, h), Baselines.seasonalNaive(y, 168, h));
      case "comb8" -> median(mstlW(y, h, 3), mstl(y, h, true, "damped", new int[] {24, 168}), Baselines.seasonalNaive(y, 24, h), Baselines.seasonalNaive(y, 168, h), mstl(y, h, false, "damped", new int[] {24, 168}));
      case "auto" -> Forecaster.forecast(y, new int[] {24, 168}, h).mean();
      case "sel" -> select(y, h, false);
      case "wcomb" -> select(y, h, true);
      case "comb1" -> mean(mstl(y, h, true, "damped", new int[] {24, 168}), Baselines.seasonalNaive(y, 24, h));
      case "comb2" -> mean(mstl(y, h, true, "damped", new int[] {24, 168}), run("ets24", y, h));
      case "comb3" -> mean(mstl(y, h, true, "damped", new int[] {24, 168}), run("ets24", y, h), run("theta", y, h));
      case "ets24" -> {
        EtsModel fit = Ets.auto(y, 24, Ets.candidates(y, 24, true));
        yield fit == null ? Baselines.naive(y, h) : fit.pointForecast(h);
      }
      case "theta" -> {
        boolean seasonal = Seasonality.isSeasonal(y, 24);
        double[] fig = seasonal ? ClassicalDecomposition.multiplicativeIndices(y, 24) : null;
        double[] d = y.clone();
        if (fig != null) for (int t = 0; t < d.length; t++) d[t] /= fig[t % 24];
        double[] f = Theta.forecast(d, h);
        if (fig != null) for (int i = 0; i < h; i++) f[i] *= fig[(y.length + i) % 24];
        yield f;
      }
      default -> throw new IllegalArgumentException(name);
    };
  }

  static double[] median(double[]... fs) {
    double[] out = new double[fs[0].length];
    double[] v = new double[fs.length];
    for (int i = 0; i < out.length; i++) {
      for (int k = 0; k < fs.length; k++) v[k] = fs[k][i];
      java.util.Arrays.sort(v);
      out[i] = v.length % 2 == 1 ? v[v.length / 2] : 0.5 * (v[v.length / 2 - 1] + v[v.length / 2]);
    }
    return out;
  }

  static final String[] POOL = {"mstl-log-damped", "sn24", "sn168", "mstl-damped", "comb7"};

  static double[] pool(String name, double[] y, int h) {
    return switch (name) {
      case "sn24" -> Baselines.seasonalNaive(y, 24, h);
      case "sn168" -> Baselines.seasonalNaive(y, 168, h);
      default -> run(name, y, h);
    };
  }

  static double[] select(double[] y, int h, boolean weighted) {
    if (y.length < 3 * 168 + h) return run("comb7", y, h);
    double[] in = java.util.Arrays.copyOf(y, y.length - h);
    double[] out = java.util.Arrays.copyOfRange(y, y.length - h, y.length);
    double[] err = new double[POOL.length];
    int best = 0;
    for (int k = 0; k < POOL.length; k++) {
      double[] f = pool(POOL[k], in, h);
      err[k] = io.doppel.predict.forecast.m4.M4Metrics.smape(out, f) / 100 + io.doppel.predict.forecast.m4.M4Metrics.mase(in, out, f, 24);
      if (err[k] < err[best]) best = k;
    }
    if (!weighted) return pool(POOL[best], y, h);
    double[] acc = new double[h];
    double wsum = 0;
    for (int k = 0; k < POOL.length; k++) {
      double w = 1 / (err[k] + 1e-9);
      double[] f = pool(POOL[k], y, h);
      for (int i = 0; i < h; i++) acc[i] += w * f[i];
      wsum += w;
    }
    for (int i = 0; i < h; i++) acc[i] /= wsum;
    return acc;
  }

  static int W = 0;

  static double[] mstlW(double[] y, int h, int w) {
    W = w;
    try {
      return mstl(y, h, true, "damped", new int[] {24, 168});
    } finally {
      W = 0;
    }
  }

  static double[] mean(double[]... fs) {
    double[] out = new double[fs[0].length];
    for (double[] f : fs) for (int i = 0; i < out.length; i++) out[i] += f[i] / fs.length;
    return out;
  }

  static double[] mstl(double[] y, int h, boolean log, String trend, int[] periods) {
    boolean positive = true;
    for (double v : y) positive &= v > 0;
    boolean useLog = log && positive;
    double[] z = y.clone();
    if (useLog) for (int i = 0; i < z.length; i++) z[i] = Math.log(z[i]);
    Mstl.Decomposition d = Mstl.decompose(z, periods, W);
    double[] adj = d.seasonallyAdjusted();
    java.util.List<EtsSpec> c = Ets.candidates(adj, 1, false);
    if (trend.equals("nt")) c = c.stream().filter(x -> x.trend() == EtsSpec.Trend.NONE).toList();
    if (trend.equals("damped")) c = c.stream().filter(x -> x.trend() != EtsSpec.Trend.ADDITIVE).toList();
    EtsModel fit = Ets.auto(adj, 1, c);
    double[] f = fit == null ? Baselines.naive(adj, h) : fit.pointForecast(h);
    double[] s = Mstl.seasonalForecast(d, h);
    for (int i = 0; i < h; i++) {
      f[i] += s[i];
      if (useLog) f[i] = Math.exp(f[i]);
    }
    return f;
  }

  static double[] mstlEts(double[] y, int h, boolean log) {
    boolean positive = true;
    for (double v : y) positive &= v > 0;
    boolean useLog = log && positive;
    double[] z = y.clone();
    if (useLog) for (int i = 0; i < z.length; i++) z[i] = Math.log(z[i]);
    Mstl.Decomposition d = Mstl.decompose(z, new int[] {24, 168});
    double[] adj = d.seasonallyAdjusted();
    EtsModel fit = Ets.auto(adj, 1, Ets.candidates(adj, 1, false));
    double[] f = fit == null ? Baselines.naive(adj, h) : fit.pointForecast(h);
    double[] s = Mstl.seasonalForecast(d, h);
    for (int i = 0; i < h; i++) {
      f[i] += s[i];
      if (useLog) f[i] = Math.exp(f[i]);
    }
    return f;
  }
}
