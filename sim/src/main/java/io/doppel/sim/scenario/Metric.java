package io.doppel.sim.scenario;

/** A reported metric, its JSON name and which way is better. */
public enum Metric {
  THROUGHPUT("throughput", Direction.HIGHER),
  MEAN_RESPONSE("meanResponse", Direction.LOWER),
  P50_RESPONSE("p50Response", Direction.LOWER),
  P95_RESPONSE("p95Response", Direction.LOWER),
  P99_RESPONSE("p99Response", Direction.LOWER),
  UTILISATION("utilisation", Direction.NEITHER),
  QUEUE_LENGTH("queueLength", Direction.LOWER),
  DROP_PROBABILITY("dropProbability", Direction.LOWER),
  TIMEOUT_PROBABILITY("timeoutProbability", Direction.LOWER),
  ERROR_PROBABILITY("errorProbability", Direction.LOWER),
  AVAILABILITY("availability", Direction.HIGHER),
  MEAN_SERVERS("meanReplicas", Direction.NEITHER),
  RETRIES("retries", Direction.LOWER),
  CALL_FAILURE_PROBABILITY("callFailureProbability", Direction.LOWER),
  BREAKER_OPENINGS("breakerOpenings", Direction.LOWER),
  FILL_RATE("fillRate", Direction.HIGHER),
  MEAN_STOCK("meanStock", Direction.NEITHER),
  COST_PER_HOUR("costPerHour", Direction.LOWER);

  /** Whether a higher or a lower value is better; utilisation and replicas are neither (idle
   * capacity costs, saturation hurts). */
  public enum Direction { HIGHER, LOWER, NEITHER }

  private final String json;
  private final Direction direction;

  Metric(String json, Direction direction) {
    this.json = json;
    this.direction = direction;
  }

  public String json() {
    return json;
  }

  public Direction direction() {
    return direction;
  }
}
