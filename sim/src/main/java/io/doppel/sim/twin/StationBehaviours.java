package io.doppel.sim.twin;

import io.doppel.sim.dist.Distribution;
import io.doppel.sim.dist.Invalid;
import io.doppel.sim.network.Autoscaler;
import io.doppel.sim.network.StationSpec;
import org.jspecify.annotations.Nullable;

/**
 * A station twin's failure and scaling properties as engine features: {@code Mtbf}/{@code Mttr} become random
 * failures of the whole station (exponential times to failure and to repair, a customer in service resumes after
 * the repair), {@code AutoscaleTarget}/{@code MaxReplicas} an autoscaler between the twin's {@code Replicas} and
 * the maximum, checking every {@code AutoscaleInterval} and starting a replica after {@code ProvisioningDelay}.
 * Every rejection names the twin and property.
 */
final class StationBehaviours {
  /**
   * Defaults: how often the autoscaler looks at the utilisation, and how long a new replica takes to come up
   * (seconds), for a twin that does not say.
   */
  static final double AUTOSCALE_INTERVAL = 30;
  static final double PROVISIONING_DELAY = 30;

  private StationBehaviours() {}

  static StationSpec apply(SimTwin twin, String at, StationSpec spec) {
    return StockPolicy.apply(twin, at, autoscaling(twin, at, failures(twin, at, spec)));
  }

  private static StationSpec failures(SimTwin twin, String at, StationSpec spec) {
    Double mtbf = NetworkCompiler.optional(at, twin, SimVocabulary.MTBF);
    Double mttr = NetworkCompiler.optional(at, twin, SimVocabulary.MTTR);
    if (mtbf == null && mttr == null) {
      return spec;
    }
    if (mtbf == null || mttr == null) {
      String missing = mtbf == null ? SimVocabulary.MTBF : SimVocabulary.MTTR;
      String given = mtbf == null ? SimVocabulary.MTTR : SimVocabulary.MTBF;
      throw Invalid.field(at + "." + field(twin, given), "needs " + missing + " too (failures need both the mean"
          + " time between failures and the mean time to repair)");
    }
    Invalid.positive(at + "." + field(twin, SimVocabulary.MTBF), mtbf);
    Invalid.positive(at + "." + field(twin, SimVocabulary.MTTR), mttr);
    return spec.withFailures(Distribution.exponential(mtbf), Distribution.exponential(mttr));
  }

  private static StationSpec autoscaling(SimTwin twin, String at, StationSpec spec) {
    Double target = NetworkCompiler.optional(at, twin, SimVocabulary.AUTOSCALE_TARGET);
    Double max = NetworkCompiler.optional(at, twin, SimVocabulary.MAX_REPLICAS);
    if (target == null && max == null) {
      return spec;
    }
    if (target == null || max == null) {
      String given = target == null ? SimVocabulary.MAX_REPLICAS : SimVocabulary.AUTOSCALE_TARGET;
      throw Invalid.field(at + "." + field(twin, given), "an autoscaler needs both AutoscaleTarget and"
          + " MaxReplicas");
    }
    if (!(target > 0 && target <= 1)) {
      throw Invalid.field(at + "." + field(twin, SimVocabulary.AUTOSCALE_TARGET), "must be a utilisation in (0, 1],"
          + " was " + target);
    }
    if (!(max >= spec.servers()) || max != Math.rint(max) || max > 100_000) {
      throw Invalid.field(at + "." + field(twin, SimVocabulary.MAX_REPLICAS), "must be an integer >= the twin's"
          + " replicas (" + spec.servers() + ") and at most 100000, was " + max);
    }
    if (spec.failures().scope() == io.doppel.sim.network.Failures.Scope.SERVER) {
      throw Invalid.field(at + "." + field(twin, SimVocabulary.MAX_REPLICAS), "per-replica failures cannot be"
          + " combined with an autoscaler");
    }
    Double interval = NetworkCompiler.optional(at, twin, SimVocabulary.AUTOSCALE_INTERVAL);
    Double provisioning = NetworkCompiler.optional(at, twin, SimVocabulary.PROVISIONING_DELAY);
    return spec.withAutoscaler(new Autoscaler(spec.servers(), max.intValue(), target,
        interval == null ? AUTOSCALE_INTERVAL
            : Invalid.positive(at + "." + field(twin, SimVocabulary.AUTOSCALE_INTERVAL), interval),
        provisioning == null ? PROVISIONING_DELAY
            : Invalid.nonNegative(at + "." + field(twin, SimVocabulary.PROVISIONING_DELAY), provisioning)));
  }

  private static @Nullable String field(SimTwin twin, String meaning) {
    return NetworkCompiler.name(twin, meaning);
  }
}
