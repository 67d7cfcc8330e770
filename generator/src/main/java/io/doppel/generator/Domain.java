package io.doppel.generator;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/** One example pack's behaviour: its state moves on by {@code dt} seconds per step and it reports what it sees. */
interface Domain {
  /** The pack it animates. */
  String pack();

  /**
   * Advances to {@code now} and sends telemetry; property updates only when {@code live} (a backfill of past
   * telemetry must not rewrite current properties).
   */
  void step(Instant now, double dt, List<Incident> active, boolean live, Consumer<Update> out);

  /** An incident to inject now, or null when this domain has nothing fit to break. */
  @Nullable Incident incident(Instant now, RandomGenerator random);

  static @Nullable Incident on(List<Incident> active, String kind, String twinId) {
    for (Incident i : active) {
      if (i.kind().equals(kind) && i.twinId().equals(twinId)) {
        return i;
      }
    }
    return null;
  }
}
