package io.doppel.cli;

import io.doppel.generator.DemoGraph;
import io.doppel.generator.DeviceShapes;
import io.doppel.generator.Generator;
import io.doppel.generator.GeneratorRun;
import io.doppel.generator.HttpSink;
import io.doppel.generator.MqttSink;
import io.doppel.generator.Sink;
import io.doppel.generator.SplitSink;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/**
 * Builds a generator run for {@code doppel generate} and {@code doppel serve --demo}: the example packs' devices
 * (factory, building) over MQTT when an MQTT endpoint is given, everything else (and everything when none is) over
 * HTTP, as a real site would feed Doppel. Devices and services send in their own shapes ({@link DeviceShapes}),
 * read by the packs' stored mappings, unless {@code Plan.conventionTopics}.
 */
final class LiveData {
  private LiveData() {}

  record Plan(DemoGraph graph, long seed, Duration incidentEvery, Duration backfill, Duration backfillStep,
      boolean conventionTopics) {}

  static GeneratorRun open(Plan plan, URI http, @Nullable String token, @Nullable String mqttHost, int mqttPort) {
    return open(plan, http, io.doppel.generator.ServerAccess.of(token), mqttHost, mqttPort);
  }

  /** With the tenant {@code access} names for HTTP (MQTT devices are in their key's tenant). */
  static GeneratorRun open(Plan plan, URI http, io.doppel.generator.ServerAccess access, @Nullable String mqttHost,
      int mqttPort) {
    String token = access.token();
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Generator generator = new Generator(plan.graph(), plan.seed(), plan.incidentEvery(), now.minus(plan.backfill()));
    DeviceShapes shapes = plan.conventionTopics() ? null : new DeviceShapes(plan.graph());
    Sink httpSink = new HttpSink(http, access, 64, shapes);
    Sink sink = httpSink;
    if (mqttHost != null) {
      try {
        sink = new SplitSink(httpSink, new MqttSink(mqttHost, mqttPort, "doppel-generator-" + plan.seed(), token, 256,
            shapes),
            SplitSink.deviceTwins(plan.graph()));
      } catch (RuntimeException e) {
        httpSink.close();
        throw e;
      }
    }
    return new GeneratorRun(generator, sink, Clock.systemUTC());
  }

  /** Backfills {@code plan.backfill()} up to now, showing progress, then steps every {@code period}. */
  static void run(GeneratorRun run, Plan plan, Duration period, @Nullable ProgressLine progress) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    if (!plan.backfill().isZero()) {
      run.backfill(now.minus(plan.backfill()), now, plan.backfillStep(), (done, total) -> {
        if (progress != null) {
          progress.show(done, total);
        }
        return done;
      });
    }
    run.start(period);
  }
}
