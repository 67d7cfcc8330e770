package io.doppel.sim.topology;

import io.doppel.sim.dist.Invalid;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the topology files do not say, with defaults a user may override.
 *
 * @param rate requests per second the client twin sends; null: the rate at which the busiest service's offered
 *     load is {@code targetLoad}
 * @param targetLoad offered load of the busiest service when no rate is given (default 0.5)
 * @param serviceTimeMs mean service time of a compose service in milliseconds (compose files carry no timing data;
 *     default 5 ms); a service's own {@code x-doppel.meanServiceTime} wins
 * @param entries services the clients call; empty: the format's default (MiSim: services with operations no other
 *     operation calls; compose: services that publish ports)
 * @param clientId id of the generated client twin
 */
public record ImportOptions(
    @Nullable Double rate, double targetLoad, double serviceTimeMs, List<String> entries, String clientId) {
  public static final double DEFAULT_TARGET_LOAD = 0.5;
  public static final double DEFAULT_SERVICE_TIME_MS = 5;
  public static final String DEFAULT_CLIENT_ID = "clients";

  public ImportOptions {
    if (rate != null) {
      Invalid.positive("rate", rate);
    }
    if (!(targetLoad > 0 && targetLoad < 1)) {
      throw Invalid.field("targetLoad", "must be in (0, 1), was " + targetLoad);
    }
    Invalid.positive("serviceTimeMs", serviceTimeMs);
    entries = List.copyOf(entries);
    if (!TopologyDraft.validId(clientId)) {
      throw Invalid.field("clientId", "must be a twin id of letters, digits, '.', '_' or '-', was '" + clientId + "'");
    }
  }

  public static ImportOptions defaults() {
    return new ImportOptions(null, DEFAULT_TARGET_LOAD, DEFAULT_SERVICE_TIME_MS, List.of(), DEFAULT_CLIENT_ID);
  }

  public ImportOptions withRate(@Nullable Double value) {
    return new ImportOptions(value, targetLoad, serviceTimeMs, entries, clientId);
  }

  public ImportOptions withEntries(List<String> value) {
    return new ImportOptions(rate, targetLoad, serviceTimeMs, value, clientId);
  }
}
