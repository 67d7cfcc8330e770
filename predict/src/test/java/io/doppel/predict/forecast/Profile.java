package io.doppel.predict.forecast;

import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

public class Profile {
  public static void main(String[] args) throws Exception {
    List<NamedSeries> train;
    try (BufferedReader r = Files.newBufferedReader(Path.of("../../shared/data/m4/Hourly-train.csv"))) {
      train = WideCsv.read(r);
    }
    double[] y = java.util.Arrays.copyOf(train.get(0).values(), 700);
    for (int round = 0; round < 3; round++) {
      long t0 = System.nanoTime();
      int reps = 200;
      for (int i = 0; i < reps; i++) Mstl.decompose(y, new int[] {24, 168});
      long t1 = System.nanoTime();
      double[] adj = Mstl.decompose(y, new int[] {24, 168}).seasonallyAdjusted();
      for (int i = 0; i < reps; i++) Ets.auto(adj, 1, Ets.candidates(adj, 1, false).stream().filter(s -> s.trend() != EtsSpec.Trend.ADDITIVE).toList());
      long t2 = System.nanoTime();
      for (int i = 0; i < reps; i++) Forecaster.forecast(y, new int[] {24, 168}, 48);
      long t3 = System.nanoTime();
      System.out.printf("mstl %.2f ms, ets4 %.2f ms, auto %.2f ms%n", (t1 - t0) / 1e6 / reps, (t2 - t1) / 1e6 / reps, (t3 - t2) / 1e6 / reps);
    }
  }
}
