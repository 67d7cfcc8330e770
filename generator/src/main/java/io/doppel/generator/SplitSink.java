package io.doppel.generator;

import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** Devices' twins over MQTT, the rest over HTTP: what a real site looks like (sensors on MQTT, services on APIs). */
public final class SplitSink implements Sink {
  private final Sink http;
  private final Sink mqtt;
  private final Set<String> viaMqtt;

  public SplitSink(Sink http, Sink mqtt, Set<String> viaMqtt) {
    this.http = http;
    this.mqtt = mqtt;
    this.viaMqtt = Set.copyOf(viaMqtt);
  }

  /** Every twin of the factory and building packs goes over MQTT. */
  public static Set<String> deviceTwins(DemoGraph graph) {
    return graph.twinIdsOfPacks(Set.of("factory", "building"));
  }

  @Override
  public CompletableFuture<Void> send(Update update) {
    return (viaMqtt.contains(update.twinId()) ? mqtt : http).send(update);
  }

  @Override
  public String describe() {
    return http.describe() + " and " + mqtt.describe();
  }

  @Override
  public void close() {
    try (http; mqtt) {
      // both closed, even when one fails
    }
  }
}
