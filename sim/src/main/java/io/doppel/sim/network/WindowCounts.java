package io.doppel.sim.network;

/**
 * A station's (or the network's) counts and time-weighted areas per fixed window, for the time series. Window
 * {@code i} covers {@code [i * window, (i + 1) * window)}; the last one also takes everything after it.
 *
 * <p>Simulated time only moves forward, so a cursor on the latest window answers almost every look-up with two
 * comparisons instead of a division; a window's figures sit side by side (one stride of {@value #COUNTS} counts, one
 * of {@value #AREAS} sums) so recording touches one or two cache lines.
 *
 * <p>A station's time-weighted areas per window are not added up event by event: the station keeps its running
 * areas anyway, so a window's area is the running area at its end minus the one at its start. The station closes
 * the open window ({@link #closeArea}) when time first passes its end, which costs one comparison per event.
 */
final class WindowCounts {
  private static final int COUNTS = 3;
  private static final int ARRIVALS = 0;
  private static final int COMPLETIONS = 1;
  private static final int DROPS = 2;
  private static final int AREAS = 5;
  private static final int RESPONSE_SUM = 0;
  private static final int BUSY = 1;
  private static final int QUEUE = 2;
  private static final int SERVERS = 3;
  private static final int STOCK = 4;

  private final double window;
  private final int last;
  private final long[] counts;
  private final double[] areas;
  /** The cursor: the latest window looked up, and its bounds. */
  private int current;
  private double currentStart = Double.NEGATIVE_INFINITY;
  private double currentEnd;
  /** The window whose areas are still open, its end, and the running areas when it opened. */
  private int areaWindow;
  private double areaEnd;
  private double busyMark;
  private double queueMark;
  private double serverMark;
  private double stockMark;

  WindowCounts(double window, int windows) {
    this.window = window;
    this.last = windows - 1;
    counts = new long[windows * COUNTS];
    areas = new double[windows * AREAS];
    currentEnd = end(0);
    areaEnd = currentEnd;
  }

  int windows() {
    return last + 1;
  }

  void arrival(double now) {
    counts[index(now) * COUNTS + ARRIVALS]++;
  }

  void drop(double now) {
    counts[index(now) * COUNTS + DROPS]++;
  }

  void completion(double now, double response) {
    int w = index(now);
    counts[w * COUNTS + COMPLETIONS]++;
    areas[w * AREAS + RESPONSE_SUM] += response;
  }

  long completions(int w) {
    return counts[w * COUNTS + COMPLETIONS];
  }

  double responseSum(int w) {
    return areas[w * AREAS + RESPONSE_SUM];
  }

  /** The window holding {@code time}. */
  int index(double time) {
    if (time >= currentStart) {
      while (time >= currentEnd) {
        // last's end is +Infinity, so the cursor never runs past it
        current++;
        currentStart = currentEnd;
        currentEnd = end(current);
      }
      return current;
    }
    return before(time);
  }

  /** A time before the cursor's window: never within a run, whose time only moves forward, but answered right. */
  private int before(double time) {
    int i = (int) Math.min(Math.max(time / window, 0), last);
    // the division may round across a boundary: the boundaries are the products below
    if (i > 0 && i * window > time) {
      i--;
    } else if (i < last && time >= end(i)) {
      i++;
    }
    return i;
  }

  private double end(int i) {
    return i >= last ? Double.POSITIVE_INFINITY : (i + 1) * window;
  }

  /** Whether {@code now} lies past the open window: then the station closes it before its areas move on. */
  boolean passes(double now) {
    return now > areaEnd;
  }

  /** The end of the open window. */
  double areaEnd() {
    return areaEnd;
  }

  /** Closes the open window with the station's running areas at its end, and opens the next. */
  void closeArea(double busy, double queue, double servers, double stock) {
    storeArea(busy, queue, servers, stock);
    busyMark = busy;
    queueMark = queue;
    serverMark = servers;
    stockMark = stock;
    areaWindow++;
    areaEnd = end(areaWindow);
  }

  private void storeArea(double busy, double queue, double servers, double stock) {
    int a = areaWindow * AREAS;
    areas[a + BUSY] = busy - busyMark;
    areas[a + QUEUE] = queue - queueMark;
    areas[a + SERVERS] = servers - serverMark;
    areas[a + STOCK] = stock - stockMark;
  }

  /** The station's running areas are about to restart from 0 (the end of the warm-up): the marks follow. */
  void rebase(double busy, double queue, double servers, double stock) {
    busyMark -= busy;
    queueMark -= queue;
    serverMark -= servers;
    stockMark -= stock;
  }

  /** The series up to {@code end}, the station's running areas then closing the window still open. */
  TimeSeries.StationSeries series(String id, double end, double busy, double queue, double servers, double stock) {
    storeArea(busy, queue, servers, stock);
    return series(id, end);
  }

  private TimeSeries.StationSeries series(String id, double end) {
    int n = windows();
    long[] arrivals = new long[n];
    long[] completions = new long[n];
    long[] drops = new long[n];
    double[] meanResponse = new double[n];
    double[] queueLength = new double[n];
    double[] utilisation = new double[n];
    double[] meanServers = new double[n];
    double[] meanStock = new double[n];
    for (int i = 0; i < n; i++) {
      int c = i * COUNTS;
      int a = i * AREAS;
      arrivals[i] = counts[c + ARRIVALS];
      completions[i] = counts[c + COMPLETIONS];
      drops[i] = counts[c + DROPS];
      double length = Math.min(window, end - i * window);
      meanResponse[i] = completions[i] == 0 ? Double.NaN : areas[a + RESPONSE_SUM] / completions[i];
      queueLength[i] = length > 0 ? areas[a + QUEUE] / length : Double.NaN;
      utilisation[i] = areas[a + SERVERS] > 0 ? areas[a + BUSY] / areas[a + SERVERS] : Double.NaN;
      meanServers[i] = length > 0 ? areas[a + SERVERS] / length : Double.NaN;
      meanStock[i] = length > 0 ? areas[a + STOCK] / length : Double.NaN;
    }
    return new TimeSeries.StationSeries(id, arrivals, completions, drops, meanResponse, queueLength, utilisation,
        meanServers, meanStock);
  }
}
