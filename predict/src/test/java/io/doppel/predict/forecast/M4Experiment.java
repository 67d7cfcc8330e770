package io.doppel.predict.forecast;

import io.doppel.predict.forecast.m4.M4Metrics;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/** Scratch harness: scores candidate methods on the holdout (last 48 of train) and on the test part. */
public class M4Experiment {
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "../../shared/data/m4");
    boolean test = args.length > 1 && args[1].equals("test");
    List<NamedSeries> train, actual;
    try (BufferedReader r = Files.newBufferedReader(dir.resolve("Hourly-train.csv"))) {
      train = WideCsv.read(r);
    }
    try (BufferedReader r = Files.newBufferedReader(dir.resolve("Hourly-test.csv"))) {
      actual = WideCsv.read(r);
    }
    int h = 48, m = 24;
    Map<String, BiFunction<double[], Integer, double[]>> methods = new LinkedHashMap<>();
    methods.put("naive2", (y, hh) -> Baselines.naive2(y, m, hh));
    methods.put("snaive24", (y, hh) -> Baselines.seasonalNaive(y, 24, hh));
    methods.put("snaive168", (y, hh) -> Baselines.seasonalNaive(y, 168, hh));
    for (String name : Experiments.names()) {
      methods.put(name, (y, hh) -> Experiments.run(name, y, hh));
    }
    int n = train.size();
    Map<String, double[]> sums = new LinkedHashMap<>();
    long start = System.nanoTime();
    Map<String, Long> nanos = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      double[] x = train.get(i).values();
      double[] in, out;
      if (test) {
        in = x;
        out = java.util.Arrays.copyOf(actual.get(i).values(), h);
      } else {
        in = java.util.Arrays.copyOf(x, x.length - h);
        out = java.util.Arrays.copyOfRange(x, x.length - h, x.length);
      }
      for (var e : methods.entrySet()) {
        long t0 = System.nanoTime();
        double[] f = e.getValue().apply(in, h);
        nanos.merge(e.getKey(), System.nanoTime() - t0, Long::sum);
        double[] s = sums.computeIfAbsent(e.getKey(), k -> new double[2]);
        s[0] += M4Metrics.smape(out, f);
        s[1] += M4Metrics.mase(in, out, f, m);
      }
    }
    double[] base = sums.get("naive2");
    for (var e : sums.entrySet()) {
      double sm = e.getValue()[0] / n, ma = e.getValue()[1] / n;
      System.out.printf("%-20s smape=%.3f mase=%.3f owa=%.3f ms/series=%.2f%n", e.getKey(), sm, ma,
          M4Metrics.owa(sm, ma, base[0] / n, base[1] / n), nanos.get(e.getKey()) / 1e6 / n);
    }
    System.out.printf("total %.1fs%n", (System.nanoTime() - start) / 1e9);
  }
}
