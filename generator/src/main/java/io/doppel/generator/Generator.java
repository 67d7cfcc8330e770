package io.doppel.generator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The example packs brought to life: each step advances every pack's {@link Domain} and yields the updates it
 * reports. Incidents are injected about every {@code incidentEvery} (jittered), each in a domain picked at random;
 * a seed makes a run repeatable.
 */
public final class Generator {
  private final List<Domain> domains = new ArrayList<>();
  private final SplittableRandom random;
  private final Duration incidentEvery;
  private final List<Incident> incidents = new ArrayList<>();
  private Instant nextIncident;

  /**
   * @param incidentEvery mean time between incidents; {@link Duration#ZERO} injects none
   */
  public Generator(DemoGraph graph, long seed, Duration incidentEvery, Instant start) {
    this.random = new SplittableRandom(seed);
    this.incidentEvery = incidentEvery;
    for (String pack : graph.packs()) {
      switch (pack) {
        case "software-platform" -> domains.add(new PlatformDomain(graph, random.split()));
        case "factory" -> domains.add(new FactoryDomain(graph, random.split()));
        case "building" -> domains.add(new BuildingDomain(graph, random.split()));
        default -> { } // a pack with no behaviour keeps its twins as they are
      }
    }
    this.nextIncident = start.plus(jittered());
  }

  /** The packs that have behaviour. */
  public List<String> packs() {
    return domains.stream().map(Domain::pack).toList();
  }

  /**
   * Advances to {@code now} ({@code dt} seconds after the previous step), injecting an incident when one is due,
   * and hands every update to {@code out}; property updates only when {@code live}.
   */
  public void step(Instant now, double dt, boolean live, Consumer<Update> out) {
    if (!incidentEvery.isZero() && !now.isBefore(nextIncident) && !domains.isEmpty()) {
      Domain domain = domains.get(random.nextInt(domains.size()));
      Incident incident = domain.incident(now, random);
      if (incident != null) {
        incidents.add(incident);
      }
      nextIncident = now.plus(jittered());
    }
    incidents.removeIf(i -> i.end().plus(Duration.ofHours(1)).isBefore(now)); // keep the recent ones to report
    List<Incident> active = incidents.stream().filter(i -> i.activeAt(now)).toList();
    for (Domain domain : domains) {
      domain.step(now, dt, active, live, out);
    }
  }

  /** Starts an incident now (the CLI's {@code --incident}, tests). */
  public void inject(Incident incident) {
    incidents.add(incident);
  }

  /** Incidents that are active or ended within the last hour. */
  public List<Incident> incidents() {
    return List.copyOf(incidents);
  }

  private Duration jittered() {
    if (incidentEvery.isZero()) {
      return Duration.ofDays(36_500);
    }
    return Duration.ofMillis((long) (incidentEvery.toMillis() * (0.5 + random.nextDouble())));
  }
}
