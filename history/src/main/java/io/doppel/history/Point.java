package io.doppel.history;

import java.time.Instant;

/** One point of a series: a time (epoch milliseconds) and a value; a bucket's point carries the bucket's start. */
public record Point(long time, double value) {
  public Instant instant() {
    return Instant.ofEpochMilli(time);
  }
}
