package io.doppel.fuzz;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Runs one target over {@link FuzzSettings#inputs()} generated inputs and fails on the first input that throws
 * or hangs, showing it (minimised for text and bytes) with the seed and index that reproduce it.
 *
 * <p>The inputs run on a worker thread with the JVM's default stack size, the stack a request thread has in the
 * server, so a parser that recurses per nesting level overflows here when it would there. The calling thread is
 * the watchdog: an input is a hang when it has used more than the input budget of CPU time, or ten budgets of
 * wall time (a wait that never ends), so a busy machine slows the run down without failing it.
 */
public final class Fuzzer {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final long POLL_MILLIS = 50;
  private static final int MINIMISE_ATTEMPTS = 2_000;

  private final String name;
  private final FuzzSettings settings;

  private Fuzzer(String name, FuzzSettings settings) {
    this.name = name;
    this.settings = settings;
  }

  /** A fuzzer named {@code name} (it names the report file) with settings from the system properties. */
  public static Fuzzer named(String name, long defaultInputs) {
    return new Fuzzer(name, FuzzSettings.fromSystemProperties(defaultInputs));
  }

  public static Fuzzer named(String name, FuzzSettings settings) {
    return new Fuzzer(name, settings);
  }

  public FuzzSettings settings() {
    return settings;
  }

  /** Text inputs: failures are minimised by deleting characters. */
  public FuzzReport text(Generator<String> generator, Target<String> target) {
    return run(generator, target, Show::text, input -> Minimiser.text(input, failsLikeThis(target, input),
        MINIMISE_ATTEMPTS));
  }

  /** Byte inputs: failures are minimised by deleting bytes. */
  public FuzzReport bytes(Generator<byte[]> generator, Target<byte[]> target) {
    return run(generator, target, Show::bytes, input -> Minimiser.bytes(input, failsLikeThis(target, input),
        MINIMISE_ATTEMPTS));
  }

  /** Structured inputs (a tree, a list of operations): shown with {@code show}, not minimised. */
  public <T> FuzzReport values(Generator<T> generator, Target<T> target, Function<T, String> show) {
    return run(generator, target, show, null);
  }

  private <T> FuzzReport run(Generator<T> generator, Target<T> target, Function<T, String> show,
      @Nullable Function<T, T> minimise) {
    Progress<T> progress = new Progress<>();
    long baseSeed = settings.seed() * 0x9E3779B97F4A7C15L ^ name.hashCode();
    Thread worker = new Thread(() -> loop(generator, target, baseSeed, progress), "fuzz-" + name);
    worker.setDaemon(true); // a hung input must not keep the test JVM alive
    long started = System.nanoTime();
    worker.start();
    watch(worker, progress, show);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    Failed<T> failed = progress.failed;
    if (failed != null) {
      throw failure(failed, show, minimise);
    }
    FuzzReport report = new FuzzReport(name, progress.done, settings.inputs(), elapsed,
        Duration.ofNanos(progress.cpuNanos), settings.seed(), new TreeMap<>(progress.outcomes));
    report.write(reportDir());
    return report;
  }

  private <T> void loop(Generator<T> generator, Target<T> target, long baseSeed, Progress<T> progress) {
    long deadline = settings.timeBox() == null ? Long.MAX_VALUE : System.nanoTime() + settings.timeBox().toNanos();
    for (long i = 0; i < settings.inputs(); i++) {
      if ((i & 0xFF) == 0 && System.nanoTime() > deadline) {
        break;
      }
      T input = generator.next(new SplittableRandom(baseSeed + i * 0xBF58476D1CE4E5B9L));
      progress.current = input;
      progress.index = i;
      try {
        String outcome = target.run(input);
        progress.outcomes.merge(outcome, 1L, Long::sum);
      } catch (Throwable t) {
        progress.failed = new Failed<>(i, input, t);
        return;
      }
      progress.done = i + 1;
    }
    progress.cpuNanos = THREADS.getCurrentThreadCpuTime();
    progress.index = -1;
  }

  /** Waits for the worker; fails with the stuck input when one runs past its budget. */
  private <T> void watch(Thread worker, Progress<T> progress, Function<T, String> show) {
    long budget = settings.inputBudget().toNanos();
    long seen = -2;
    long since = 0;
    long cpuAtStart = 0;
    while (worker.isAlive()) {
      try {
        worker.join(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while fuzzing " + name, e);
      }
      long index = progress.index;
      if (index != seen) {
        seen = index;
        since = System.nanoTime();
        cpuAtStart = THREADS.getThreadCpuTime(worker.threadId());
        continue;
      }
      if (index < 0) {
        continue;
      }
      long wall = System.nanoTime() - since;
      long cpu = THREADS.getThreadCpuTime(worker.threadId()) - cpuAtStart;
      if (cpu > budget || wall > 10 * budget) {
        StackTraceElement[] stack = worker.getStackTrace();
        worker.interrupt();
        T input = progress.current;
        AssertionError where = new AssertionError("the worker's stack while it hung");
        where.setStackTrace(stack);
        throw new FuzzFailure("fuzz " + name + ": input #" + index + " (seed " + settings.seed() + ") hung: "
            + Duration.ofNanos(cpu).toMillis() + " ms CPU, " + Duration.ofNanos(wall).toMillis() + " ms in all\n"
            + "input: " + (input == null ? "?" : show.apply(input)), where);
      }
    }
  }

  private <T> FuzzFailure failure(Failed<T> failed, Function<T, String> show, @Nullable Function<T, T> minimise) {
    String shown = show.apply(failed.input());
    String small = null;
    if (minimise != null) {
      T reduced = minimise.apply(failed.input());
      small = show.apply(reduced);
      saveInput(reduced);
    } else {
      saveInput(failed.input());
    }
    return new FuzzFailure("fuzz " + name + ": input #" + failed.index() + " (seed " + settings.seed() + ") threw "
        + failed.error() + "\ninput: " + shown + (small == null || small.equals(shown) ? "" : "\nminimised: " + small),
        failed.error());
  }

  /** Whether an input still fails with the same kind of throwable as the original failure. */
  private static <T> Predicate<T> failsLikeThis(Target<T> target, T original) {
    Class<? extends Throwable> kind = kindOf(target, original);
    return candidate -> kind != null && kind.equals(kindOf(target, candidate));
  }

  private static <T> @Nullable Class<? extends Throwable> kindOf(Target<T> target, T input) {
    try {
      target.run(input);
      return null;
    } catch (Throwable t) {
      return t.getClass();
    }
  }

  private void saveInput(Object input) {
    byte[] data = input instanceof byte[] b ? b : input instanceof String s ? s.getBytes(StandardCharsets.UTF_8)
        : String.valueOf(input).getBytes(StandardCharsets.UTF_8);
    try {
      Files.createDirectories(reportDir());
      Files.write(reportDir().resolve(name + "-failure.bin"), data);
    } catch (IOException ignored) {
      // the failure message shows the input anyway
    }
  }

  static Path reportDir() {
    return Path.of("target", "fuzz-reports");
  }

  /** Shared between the worker and the watchdog: the input now running, and the tally so far. */
  private static final class Progress<T> {
    volatile long index = -2;
    volatile @Nullable T current;
    volatile long done;
    volatile long cpuNanos;
    volatile @Nullable Failed<T> failed;
    final Map<String, Long> outcomes = new TreeMap<>();
  }

  private record Failed<T>(long index, T input, Throwable error) {}

  @Override
  public String toString() {
    return "Fuzzer[" + name + ", " + settings + "]";
  }

  static String tally(Map<String, Long> outcomes) {
    return outcomes.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(12).map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
  }
}
