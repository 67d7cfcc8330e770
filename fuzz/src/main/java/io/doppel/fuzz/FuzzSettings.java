package io.doppel.fuzz;

import java.time.Duration;

/**
 * How much to fuzz, from system properties so that CI runs a short pass and the {@code fuzz} Maven profile a long
 * one without code changes.
 *
 * <ul>
 *   <li>{@code doppel.fuzz.inputs}: inputs per fuzzer (the profile sets 1,000,000; CI uses each test's default)
 *   <li>{@code doppel.fuzz.seed}: the seed every fuzzer derives its inputs from (default 1, so runs repeat)
 *   <li>{@code doppel.fuzz.inputMillis}: the per-input budget before an input counts as a hang (default 2,000)
 *   <li>{@code doppel.fuzz.maxSeconds}: stop a fuzzer early after this long and report how many inputs ran
 *       (default: no limit), so a long run fits a time box
 * </ul>
 *
 * @param inputs how many inputs to run
 * @param seed the base seed
 * @param inputBudget how long one input may run before it is a hang
 * @param timeBox how long the whole fuzzer may run, or null for no limit
 */
public record FuzzSettings(long inputs, long seed, Duration inputBudget, @org.jspecify.annotations.Nullable Duration timeBox) {
  public static final String INPUTS = "doppel.fuzz.inputs";
  public static final String SEED = "doppel.fuzz.seed";
  public static final String INPUT_MILLIS = "doppel.fuzz.inputMillis";
  public static final String MAX_SECONDS = "doppel.fuzz.maxSeconds";

  public FuzzSettings {
    if (inputs < 1) {
      throw new IllegalArgumentException(INPUTS + " must be at least 1, not " + inputs);
    }
    if (inputBudget.isNegative() || inputBudget.isZero()) {
      throw new IllegalArgumentException(INPUT_MILLIS + " must be positive");
    }
  }

  /** The settings for one fuzzer whose short (CI) run has {@code defaultInputs} inputs. */
  public static FuzzSettings fromSystemProperties(long defaultInputs) {
    long inputs = number(INPUTS, defaultInputs);
    long seed = number(SEED, 1);
    long millis = number(INPUT_MILLIS, 2_000);
    long maxSeconds = number(MAX_SECONDS, 0);
    return new FuzzSettings(inputs, seed, Duration.ofMillis(millis), maxSeconds > 0 ? Duration.ofSeconds(maxSeconds) : null);
  }

  /** The same settings with {@code n} inputs. */
  public FuzzSettings withInputs(long n) {
    return new FuzzSettings(n, seed, inputBudget, timeBox);
  }

  private static long number(String name, long fallback) {
    String text = System.getProperty(name, "").strip();
    if (text.isEmpty()) {
      return fallback;
    }
    try {
      return Long.parseLong(text.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, not '" + text + "'", e);
    }
  }
}
