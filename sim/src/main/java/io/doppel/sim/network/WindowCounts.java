package io.doppel.sim.network;

/** A station's counts and time-weighted areas per fixed window, for the time series. */
final class WindowCounts {
  private final double window;
  final long[] arrivals;
  final long[] completions;
  final long[] drops;
  final double[] responseSum;
  final double[] busyArea;
  final double[] queueArea;
  final double[] serverArea;
  final double[] stockArea;

  WindowCounts(double window, int windows) {
    this.window = window;
    arrivals = new long[windows];
    completions = new long[windows];
    drops = new long[windows];
    responseSum = new double[windows];
    busyArea = new double[windows];
    queueArea = new double[windows];
    serverArea = new double[windows];
    stockArea = new double[windows];
  }

  int index(double time) {
    int i = (int) (time / window);
    return Math.min(Math.max(i, 0), arrivals.length - 1);
  }

  /** Adds the levels held from {@code from} to {@code to}, split at window boundaries. */
  void spread(double from, double to, int busy, int waiting, int servers, long stock) {
    double t = from;
    int i = index(from);
    while (true) {
      double end = i == arrivals.length - 1 ? Double.POSITIVE_INFINITY : (i + 1) * window;
      double upTo = Math.min(to, end);
      double dt = upTo - t;
      busyArea[i] += busy * dt;
      queueArea[i] += waiting * dt;
      serverArea[i] += servers * dt;
      stockArea[i] += stock * dt;
      if (to <= end) {
        return;
      }
      t = end;
      i++;
    }
  }

  TimeSeries.StationSeries series(String id, double end) {
    int n = arrivals.length;
    double[] meanResponse = new double[n];
    double[] queueLength = new double[n];
    double[] utilisation = new double[n];
    double[] meanServers = new double[n];
    double[] meanStock = new double[n];
    for (int i = 0; i < n; i++) {
      double length = Math.min(window, end - i * window);
      meanResponse[i] = completions[i] == 0 ? Double.NaN : responseSum[i] / completions[i];
      queueLength[i] = length > 0 ? queueArea[i] / length : Double.NaN;
      utilisation[i] = serverArea[i] > 0 ? busyArea[i] / serverArea[i] : Double.NaN;
      meanServers[i] = length > 0 ? serverArea[i] / length : Double.NaN;
      meanStock[i] = length > 0 ? stockArea[i] / length : Double.NaN;
    }
    return new TimeSeries.StationSeries(id, arrivals.clone(), completions.clone(), drops.clone(), meanResponse,
        queueLength, utilisation, meanServers, meanStock);
  }
}
