package io.doppel.history;

import java.io.IOException;

/** Receives exported points series by series, each series' points in time order (see {@link HistoryService#export}). */
@FunctionalInterface
public interface ExportSink {
  void point(String name, Point point) throws IOException;
}
