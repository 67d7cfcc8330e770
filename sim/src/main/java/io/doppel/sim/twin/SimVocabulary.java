package io.doppel.sim.twin;

import io.doppel.model.Element;

/**
 * The terms of the Doppel simulation context. A model names them by term ({@code "SimStation"}) or by DTMI
 * ({@code "dtmi:io:doppel:sim:SimStation;1"}); both are recognised.
 */
public final class SimVocabulary {
  public static final String CONTEXT = "dtmi:io:doppel:sim;1";
  private static final String PREFIX = "dtmi:io:doppel:sim:";

  public static final String SOURCE = "SimSource";
  public static final String STATION = "SimStation";
  public static final String ROUTER = "SimRouter";
  public static final String SINK = "SimSink";
  public static final String FLOW = "SimFlow";

  public static final String REPLICAS = "Replicas";
  public static final String QUEUE_CAPACITY = "QueueCapacity";
  public static final String MEAN_SERVICE_TIME = "MeanServiceTime";
  public static final String SERVICE_TIME_CV = "ServiceTimeCv";
  public static final String SERVICE_DISTRIBUTION = "ServiceDistribution";
  public static final String ARRIVAL_RATE = "ArrivalRate";
  public static final String TIMEOUT = "Timeout";
  public static final String COST_PER_REPLICA_HOUR = "CostPerReplicaHour";
  public static final String CALL_PROBABILITY = "CallProbability";
  public static final String OBSERVED_ARRIVAL_RATE = "ObservedArrivalRate";
  public static final String OBSERVED_LATENCY = "ObservedLatency";
  public static final String MTBF = "Mtbf";
  public static final String MTTR = "Mttr";
  public static final String AUTOSCALE_TARGET = "AutoscaleTarget";
  public static final String MAX_REPLICAS = "MaxReplicas";
  public static final String RETRY_LIMIT = "RetryLimit";
  public static final String BREAKER_THRESHOLD = "BreakerThreshold";
  public static final String TRANSPORT_DELAY = "TransportDelay";
  public static final String INVENTORY = "Inventory";
  public static final String AUTOSCALE_INTERVAL = "AutoscaleInterval";
  public static final String PROVISIONING_DELAY = "ProvisioningDelay";
  public static final String BLOCK_WHEN_FULL = "BlockWhenFull";
  public static final String RETRY_BACKOFF = "RetryBackoff";
  public static final String BREAKER_WINDOW = "BreakerWindow";
  public static final String BREAKER_OPEN_DURATION = "BreakerOpenDuration";
  public static final String CALL_MODE = "CallMode";
  public static final String JOIN_COUNT = "JoinCount";

  private SimVocabulary() {}

  public static boolean marks(Element element, String term) {
    return element.supplementalTypes().contains(term) || element.supplementalTypes().contains(PREFIX + term + ";1");
  }
}
