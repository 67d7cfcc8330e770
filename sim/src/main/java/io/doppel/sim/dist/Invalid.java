package io.doppel.sim.dist;

import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import java.util.List;

/**
 * Rejections of a simulation model's parameters: {@link ErrorCode#INVALID_ARGUMENT} with the offending field as
 * the detail's target, so an API layer answers 400 naming it. Outer builders prefix the path
 * ({@code stations[api].service.mean}).
 */
public final class Invalid {
  private Invalid() {}

  public static DoppelException field(String field, String message) {
    String named = field.isEmpty() ? "\"\"" : field; // a member named "" must still be named in the error
    return new DoppelException(ErrorCode.INVALID_ARGUMENT, named + ": " + message,
        List.of(new DoppelException.Detail("SIM_MODEL_INVALID", named, message)));
  }

  /** The same rejection with its field path put under {@code prefix}. */
  public static DoppelException under(String prefix, DoppelException e) {
    if (e.details().isEmpty()) {
      return field(prefix, e.getMessage());
    }
    DoppelException.Detail d = e.details().getFirst();
    return field(prefix + "." + d.target(), d.message());
  }

  public static double positive(String field, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw field(field, "must be a finite number > 0, was " + value);
    }
    return value;
  }

  public static double nonNegative(String field, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw field(field, "must be a finite number >= 0, was " + value);
    }
    return value;
  }
}
