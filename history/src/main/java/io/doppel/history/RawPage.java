package io.doppel.history;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Raw points of one series in a range, at most a page of them.
 *
 * @param next where the next page starts (inclusive) when the range held more points than the page, else null
 */
public record RawPage(String name, List<Point> points, @Nullable Instant next) {
  public RawPage {
    points = List.copyOf(points);
  }
}
