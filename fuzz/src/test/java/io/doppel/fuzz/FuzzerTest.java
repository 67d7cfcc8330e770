package io.doppel.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FuzzerTest {
  private static final Mutator MUTATOR = Mutator.ofText(List.of("{\"a\": [1, 2, {\"b\": null}]}", "SELECT *"),
      List.of("SELECT", "\"@type\"", "{", "["), 4_096);

  @Test
  void theSameSeedGivesTheSameInputsAndMutantsDiffer() {
    byte[][] first = new byte[200][];
    for (int i = 0; i < first.length; i++) {
      first[i] = MUTATOR.next(new SplittableRandom(i));
    }
    for (int i = 0; i < first.length; i++) {
      assertThat(MUTATOR.next(new SplittableRandom(i))).isEqualTo(first[i]);
    }
    assertThat(Arrays.stream(first).map(b -> new String(b, StandardCharsets.UTF_8)).distinct().count())
        .isGreaterThan(150);
    assertThat(Arrays.stream(first).mapToInt(b -> b.length).max().orElseThrow()).isLessThanOrEqualTo(4_096);
  }

  @Test
  void repeatsReachDeepNesting() {
    Mutator brackets = Mutator.ofText(List.of("[1]"), List.of(), 20_000);
    boolean deep = false;
    for (int i = 0; i < 2_000 && !deep; i++) {
      deep = brackets.nextText(new SplittableRandom(i)).contains("[".repeat(1_000));
    }
    assertThat(deep).isTrue();
  }

  @Test
  void aCleanRunCountsEveryInputAndItsOutcomes() {
    FuzzReport report = Fuzzer.named("clean", settings(500)).text(MUTATOR::nextText,
        input -> input.contains("SELECT") ? "select" : "other");
    assertThat(report.inputs()).isEqualTo(500);
    assertThat(report.count("select") + report.count("other")).isEqualTo(500);
    assertThat(report.line()).contains("clean: 500 of 500 inputs");
    // the worker's CPU time, the machine-independent speed: it ran something, and no more than the wall time
    assertThat(report.cpu()).isPositive().isLessThanOrEqualTo(report.elapsed());
    assertThat(report.line()).contains("s CPU (");
  }

  @Test
  void aThrowingInputFailsTheRunMinimised() {
    Target<String> target = input -> {
      if (input.contains("[[")) {
        throw new IllegalStateException("nested");
      }
      return "ok";
    };
    assertThatThrownBy(() -> Fuzzer.named("throws", settings(10_000)).text(MUTATOR::nextText, target))
        .isInstanceOf(FuzzFailure.class)
        .hasMessageContaining("threw java.lang.IllegalStateException: nested")
        .hasMessageContaining("minimised: \"[[\"")
        .hasCauseInstanceOf(IllegalStateException.class);
  }

  @Test
  void aStackOverflowIsAFailureNotACrash() {
    assertThatThrownBy(() -> Fuzzer.named("overflow", settings(10)).values(r -> r.nextInt(10), n -> {
      recurse(n);
      return "ok";
    }, String::valueOf)).isInstanceOf(FuzzFailure.class).hasCauseInstanceOf(StackOverflowError.class);
  }

  @Test
  void anInputThatSpinsIsReportedAsAHang() {
    FuzzSettings quick = new FuzzSettings(100, 1, Duration.ofMillis(200), null);
    assertThatThrownBy(() -> Fuzzer.named("hang", quick).text(MUTATOR::nextText, input -> {
      long spins = 0;
      while (!Thread.currentThread().isInterrupted()) {
        spins++; // burns CPU until the watchdog gives up on this input
      }
      return "spun " + Long.signum(spins);
    })).isInstanceOf(FuzzFailure.class).hasMessageContaining("hung").hasMessageContaining("input: \"");
  }

  @Test
  void aTimeBoxEndsTheRunEarlyAndSaysHowManyRan() {
    FuzzSettings boxed = new FuzzSettings(Long.MAX_VALUE, 1, Duration.ofSeconds(2), Duration.ofMillis(300));
    FuzzReport report = Fuzzer.named("boxed", boxed).text(MUTATOR::nextText, input -> "ok");
    assertThat(report.inputs()).isPositive().isLessThan(Long.MAX_VALUE);
    assertThat(report.count("ok")).isEqualTo(report.inputs());
  }

  @Test
  void theMinimiserKeepsOnlyWhatTheFailureNeeds() {
    assertThat(Minimiser.text("aaaa{xx}bbbb", s -> s.contains("{") && s.contains("}"), 1_000)).isEqualTo("{}");
    assertThat(Minimiser.bytes(new byte[] {1, 2, 3, 4, 5}, b -> b.length > 0 && b[b.length - 1] == 5, 100))
        .containsExactly(5);
  }

  private static FuzzSettings settings(long inputs) {
    return new FuzzSettings(inputs, 7, Duration.ofSeconds(5), null);
  }

  private static int recurse(int n) {
    return recurse(n + 1) + 1;
  }
}
