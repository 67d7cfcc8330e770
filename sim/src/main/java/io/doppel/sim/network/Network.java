package io.doppel.sim.network;

import io.doppel.sim.dist.ArrivalProcess;
import io.doppel.sim.dist.Distribution;
import io.doppel.sim.dist.Invalid;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An open queueing network: nodes named by id (as twins are) joined by probabilistic routes (as relationships
 * join twins), so a layer above can build one from a twin graph. {@link Builder#build} checks it whole and
 * rejects it with {@link io.doppel.twin.ErrorCode#INVALID_ARGUMENT}, naming the offending field
 * ({@code stations[db].servers}, {@code routes[3].to}, {@code sources[web].routes}). A station's ordinary routes add
 * up to at most 1, a source's to 1; synchronous calls ({@link Route#synchronous}) each have a probability of their
 * own.
 */
public record Network(List<SourceSpec> sources, List<StationSpec> stations, List<Route> routes) {
  private static final double PROBABILITY_SLACK = 1e-9;

  public Network {
    sources = List.copyOf(sources);
    stations = List.copyOf(stations);
    routes = List.copyOf(routes);
    validate(sources, stations, routes);
  }

  public static Builder builder() {
    return new Builder();
  }

  public int stationIndex(String id) {
    return stationIndex(stations, id);
  }

  private static int stationIndex(List<StationSpec> stations, String id) {
    for (int i = 0; i < stations.size(); i++) {
      if (stations.get(i).id().equals(id)) {
        return i;
      }
    }
    return -1;
  }

  private static void validate(List<SourceSpec> sources, List<StationSpec> stations, List<Route> routes) {
    if (sources.isEmpty()) {
      throw Invalid.field("sources", "a network needs at least one source");
    }
    Set<String> ids = new HashSet<>();
    Set<String> stationIds = new HashSet<>();
    for (int i = 0; i < sources.size(); i++) {
      SourceSpec s = sources.get(i);
      String at = "sources[" + i + "]";
      checkId(at, s.id(), ids);
      if (s.limit() < 1) {
        throw Invalid.field("sources[" + s.id() + "].limit", "must be >= 1, was " + s.limit());
      }
    }
    for (int i = 0; i < stations.size(); i++) {
      StationSpec s = stations.get(i);
      checkId("stations[" + i + "]", s.id(), ids);
      stationIds.add(s.id());
      String at = "stations[" + s.id() + "]";
      if (s.servers() < 1) {
        throw Invalid.field(at + ".servers", "must be >= 1, was " + s.servers());
      }
      if (s.queueCapacity() < 0) {
        throw Invalid.field(at + ".queueCapacity", "must be >= 0, was " + s.queueCapacity());
      }
      BehaviourValidation.station(at, s);
    }
    Map<String, Double> sums = new HashMap<>();
    for (int i = 0; i < routes.size(); i++) {
      Route r = routes.get(i);
      String at = "routes[" + i + "]";
      if (!ids.contains(r.from())) {
        throw Invalid.field(at + ".from", "no source or station has id '" + r.from() + "'");
      }
      if (!stationIds.contains(r.to())) {
        throw Invalid.field(at + ".to", "no station has id '" + r.to() + "'");
      }
      if (!(r.probability() > 0 && r.probability() <= 1)) {
        throw Invalid.field(at + ".probability", "must be in (0, 1], was " + r.probability());
      }
      BehaviourValidation.route(at, r, stations.get(stationIndex(stations, r.to())));
      if (r.synchronous()) {
        if (!stationIds.contains(r.from())) {
          throw Invalid.field(at + ".synchronous", "only a station can make synchronous calls, '" + r.from()
              + "' is a source");
        }
        // each synchronous call has a draw of its own: their probabilities do not add up
        continue;
      }
      sums.merge(r.from(), r.probability(), Double::sum);
    }
    for (SourceSpec s : sources) {
      double sum = sums.getOrDefault(s.id(), 0.0);
      if (Math.abs(sum - 1) > PROBABILITY_SLACK) {
        throw Invalid.field("sources[" + s.id() + "].routes", "a source's routes must add up to 1, they add up to " + sum);
      }
    }
    for (StationSpec s : stations) {
      FanOut fan = s.fanOut();
      if (fan != null) {
        long calls = routes.stream().filter(r -> r.synchronous() && r.from().equals(s.id())).count();
        if (fan.quorum() > calls) {
          throw Invalid.field("stations[" + s.id() + "].fanOut.quorum", "must be at most the station's " + calls
              + " synchronous calls, was " + fan.quorum());
        }
      }
      double sum = sums.getOrDefault(s.id(), 0.0);
      if (sum > 1 + PROBABILITY_SLACK) {
        throw Invalid.field("stations[" + s.id() + "].routes", "a station's routes must add up to at most 1, they add up to " + sum);
      }
    }
  }

  private static void checkId(String at, String id, Set<String> ids) {
    if (id == null || id.isBlank()) {
      throw Invalid.field(at + ".id", "must not be blank");
    }
    if (!ids.add(id)) {
      throw Invalid.field(at + ".id", "id '" + id + "' is used twice");
    }
  }

  /** Builds a network step by step. */
  public static final class Builder {
    private final List<SourceSpec> sources = new ArrayList<>();
    private final List<StationSpec> stations = new ArrayList<>();
    private final List<Route> routes = new ArrayList<>();

    private Builder() {}

    public Builder source(SourceSpec source) {
      sources.add(source);
      return this;
    }

    /** A source whose customers all go to station {@code to}. */
    public Builder source(String id, ArrivalProcess arrivals, String to) {
      sources.add(SourceSpec.of(id, arrivals));
      routes.add(new Route(id, to, 1.0));
      return this;
    }

    public Builder station(StationSpec station) {
      stations.add(station);
      return this;
    }

    public Builder station(String id, int servers, Distribution service) {
      return station(StationSpec.of(id, servers, service));
    }

    public Builder route(String from, String to, double probability) {
      routes.add(new Route(from, to, probability));
      return this;
    }

    /** A route with a transport delay, a call policy or a circuit breaker ({@link Route#withDelay} and the like). */
    public Builder route(Route route) {
      routes.add(route);
      return this;
    }

    public Network build() {
      return new Network(sources, stations, routes);
    }
  }

}
