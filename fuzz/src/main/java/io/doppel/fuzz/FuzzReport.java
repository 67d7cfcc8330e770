package io.doppel.fuzz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What one fuzzer ran: how many inputs (fewer than asked when a time box ended it), how fast, and how the inputs
 * ended ({@code valid}, or the error codes they were refused with). Written to {@code target/fuzz-reports}.
 *
 * @param cpu the CPU time of the thread that ran the inputs: unlike {@code elapsed}, it hardly depends on how busy
 *     the machine is, so it is the figure to compare fuzzers' speed by
 */
public record FuzzReport(String name, long inputs, long asked, Duration elapsed, Duration cpu, long seed,
    Map<String, Long> outcomes) {
  public FuzzReport {
    outcomes = Map.copyOf(outcomes);
  }

  public double inputsPerSecond() {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds <= 0 ? 0 : inputs / seconds;
  }

  /** Inputs per second of the worker's CPU time. */
  public double inputsPerCpuSecond() {
    double seconds = cpu.toNanos() / 1e9;
    return seconds <= 0 ? 0 : inputs / seconds;
  }

  /** How many inputs ended with {@code label}. */
  public long count(String label) {
    return outcomes.getOrDefault(label, 0L);
  }

  /** The share of inputs that ended with a label starting with {@code prefix}. */
  public double share(String prefix) {
    long n = outcomes.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToLong(Map.Entry::getValue)
        .sum();
    return inputs == 0 ? 0 : (double) n / inputs;
  }

  public String line() {
    return String.format(java.util.Locale.ROOT,
        "%s: %,d of %,d inputs in %.1f s (%,.0f/s), %.1f s CPU (%,.0f/s of CPU), seed %d; outcomes: %s", name, inputs,
        asked, elapsed.toNanos() / 1e9, inputsPerSecond(), cpu.toNanos() / 1e9, inputsPerCpuSecond(), seed,
        Fuzzer.tally(outcomes));
  }

  void write(Path dir) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(name + ".txt"), line() + "\n", StandardCharsets.UTF_8);
    } catch (IOException ignored) {
      // the report is for people; the test's verdict does not depend on it
    }
  }
}
