package io.doppel.stream.routes;

import static io.doppel.stream.routes.Pumps.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.stream.spi.ParkedLetter;
import io.doppel.stream.spi.RouteOutbox;
import io.doppel.twin.TwinEngine;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Routes to a real HTTP endpoint on a loopback port that fails, refuses, goes down and comes back. */
class WebhookRouteTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private TwinEngine engine;
  private RouteOutbox outbox;
  private EventRoutes routes;
  private TestWebhook hook;

  @BeforeEach
  void setUp() {
    engine = Pumps.engine();
    for (String id : List.of("p1", "p2", "p3")) {
      Pumps.twin(engine, id, Pumps.PUMP);
    }
    Pumps.twin(engine, "v1", Pumps.VALVE);
    outbox = RouteOutbox.inMemory();
    routes = EventRoutes.open(engine, outbox, Clock.systemUTC(), RandomGenerator.of("L64X128MixRandom"));
  }

  @AfterEach
  void tearDown() {
    routes.close();
    engine.close();
    if (hook != null) {
      hook.close();
    }
  }

  private ObjectNode webhook() {
    return JSON.createObjectNode().put("type", "webhook").put("url", hook.url().toString());
  }

  private ObjectNode pumpPatches() {
    ObjectNode filter = JSON.createObjectNode().put("type", "io.doppel.twin.patched");
    filter.putArray("model").add(Pumps.PUMP);
    return filter;
  }

  private void patchAll(int rounds) {
    for (int i = 1; i <= rounds; i++) {
      for (String id : List.of("p1", "p2", "p3")) {
        Pumps.rpm(engine, id, i);
      }
    }
  }

  @Test
  void aRouteWithAWhereConditionDeliversOnlyTheTwinsThatPassItAfterTheChange() throws Exception {
    hook = TestWebhook.started();
    ObjectNode filter = pumpPatches().put("where", "rpm > 10 AND $dtId != 'p3'");
    routes.put("hot", Pumps.route(webhook(), filter, Pumps.fastRetries()));
    patchAll(12); // rpm 1..12 on p1, p2, p3: only 11 and 12 on p1 and p2 pass
    Pumps.rpm(engine, "p1", 99);
    await().atMost(WAIT).until(() -> routes.get("hot").status().delivered() == 5);
    Map<String, List<Double>> got = Pumps.rpmsByTwin(hook.accepted());
    assertThat(got).containsOnlyKeys("p1", "p2");
    assertThat(got.get("p1")).containsExactly(11.0, 12.0, 99.0);
    assertThat(got.get("p2")).containsExactly(11.0, 12.0);
  }

  @Test
  void anEndpointThatFailsAtFirstGetsEveryEventInOrderPerTwin() throws Exception {
    hook = TestWebhook.started();
    hook.failNext(5);
    routes.put("hook", Pumps.route(webhook(), pumpPatches(), Pumps.fastRetries()));
    patchAll(20);
    await().atMost(WAIT).until(() -> hook.accepted().size() >= 60);
    // The endpoint has the last event a moment before the route has recorded its answer.
    await().atMost(WAIT).until(() -> routes.get("hook").status().delivered() == 60);

    Map<String, List<Double>> got = Pumps.rpmsByTwin(hook.accepted());
    assertThat(got).containsOnlyKeys("p1", "p2", "p3");
    got.values().forEach(values -> assertThat(values).isEqualTo(Pumps.upTo(20)));
    assertThat(hook.accepted()).hasSize(60);
    assertThat(hook.requests()).hasSize(65); // 5 refused with 503, then one POST per event
    assertThat(hook.requests().get(0).contentType()).startsWith("application/cloudevents+json");
    RouteStatus status = routes.get("hook").status();
    assertThat(status.state()).isEqualTo(RouteState.HEALTHY);
    assertThat(status.delivered()).isEqualTo(60);
    assertThat(status.lag()).isZero();
    assertThat(status.lastError()).contains("HTTP 503");
    assertThat(status.rate()).isPositive();
  }

  @Test
  void anEndpointThatIsDownKeepsTheEventsUntilItComesBack() throws Exception {
    hook = TestWebhook.down();
    routes.put("hook", Pumps.route(webhook(), pumpPatches(), Pumps.fastRetries()));
    patchAll(10);
    await().atMost(WAIT).until(() -> routes.get("hook").status().state() == RouteState.FAILING);
    RouteStatus failing = routes.get("hook").status();
    assertThat(failing.lag()).isEqualTo(30);
    assertThat(failing.consecutiveFailures()).isGreaterThanOrEqualTo(3);
    assertThat(failing.lastError()).contains("POST " + hook.url());
    assertThat(failing.lastErrorTime()).isNotNull();

    hook.up();
    Pumps.rpm(engine, "p1", 11);
    await().atMost(WAIT).until(() -> hook.accepted().size() >= 31);
    Map<String, List<Double>> got = Pumps.rpmsByTwin(hook.accepted());
    assertThat(got.get("p1")).isEqualTo(Pumps.upTo(11));
    assertThat(got.get("p2")).isEqualTo(Pumps.upTo(10));
    await().atMost(WAIT).until(() -> routes.get("hook").status().state() == RouteState.HEALTHY);
    assertThat(routes.get("hook").status().lag()).isZero();
  }

  @Test
  void eventsTheEndpointRefusesAreParkedAndTheRestDelivered() throws Exception {
    hook = TestWebhook.started();
    // 400 for p2's events: the endpoint will never take them, so they must not block p1's and p3's.
    hook.answer(body -> body.contains("\"subject\":\"p2\"") ? 400 : 204);
    routes.put("hook", Pumps.route(webhook(), pumpPatches(), Pumps.fastRetries()));
    patchAll(3);
    await().atMost(WAIT).until(() -> routes.get("hook").status().parked() == 3
        && routes.get("hook").status().lag() == 0);
    Map<String, List<Double>> got = Pumps.rpmsByTwin(hook.accepted());
    assertThat(got).containsOnlyKeys("p1", "p3");
    List<ParkedLetter> letters = routes.letters("hook", 0, 100);
    assertThat(letters).hasSize(3);
    assertThat(letters).allSatisfy(l -> {
      assertThat(l.entry().key()).isEqualTo("p2");
      assertThat(l.reason()).startsWith("HTTP 400");
      assertThat(l.attempts()).isEqualTo(1);
    });

    // Redelivering a letter once the endpoint takes it again empties the letters.
    hook.answer(body -> 200);
    routes.redeliver("hook", letters.get(0).entry().version());
    await().atMost(WAIT).until(() -> Pumps.rpmsByTwin(hook.accepted()).containsKey("p2"));
    assertThat(routes.letters("hook", 0, 100)).hasSize(2);
    routes.deleteLetter("hook", letters.get(1).entry().version());
    assertThat(routes.get("hook").status().parked()).isEqualTo(1);
  }

  @Test
  void aRouteGivesUpOnAnEventAfterItsMaxAttemptsAndParksIt() throws Exception {
    hook = TestWebhook.started();
    hook.failNext(3);
    ObjectNode options = Pumps.fastRetries().put("maxAttempts", 3);
    routes.put("hook", Pumps.route(webhook(), pumpPatches(), options));
    Pumps.rpm(engine, "p1", 1);
    Pumps.rpm(engine, "p1", 2);
    await().atMost(WAIT).until(() -> hook.accepted().size() == 1);
    assertThat(Pumps.rpmsByTwin(hook.accepted()).get("p1")).containsExactly(2.0);
    List<ParkedLetter> letters = routes.letters("hook", 0, 10);
    assertThat(letters).hasSize(1);
    assertThat(letters.get(0).reason()).startsWith("gave up after 3 attempts; last: HTTP 503");
  }

  @Test
  void batchedModePostsArraysWithTheSecretAndHeaders() throws Exception {
    hook = TestWebhook.started();
    ObjectNode endpoint = webhook().put("batch", true).put("secret", "s3cret");
    endpoint.putObject("headers").put("X-Custom", "yes");
    routes.put("hook", Pumps.route(endpoint, pumpPatches(), Pumps.fastRetries()));
    routes.pause("hook", true);
    patchAll(5);
    await().atMost(WAIT).until(() -> routes.get("hook").status().lag() == 15);
    assertThat(routes.get("hook").status().state()).isEqualTo(RouteState.PAUSED);
    assertThat(hook.requests()).isEmpty();
    routes.pause("hook", false);
    await().atMost(WAIT).until(() -> hook.accepted().size() == 15);
    TestWebhook.Request first = hook.requests().get(0);
    assertThat(first.contentType()).startsWith("application/cloudevents-batch+json");
    assertThat(first.authorization()).isEqualTo("Bearer s3cret");
    assertThat(first.custom()).isEqualTo("yes");
    assertThat(hook.requests()).hasSize(1); // the 15 waiting events fit one batch
    Pumps.rpmsByTwin(hook.accepted()).values().forEach(v -> assertThat(v).isEqualTo(Pumps.upTo(5)));
  }

  @Test
  void aFullOutboxKeepsTheOldestEventsAndCountsTheRest() throws Exception {
    hook = TestWebhook.down();
    ObjectNode options = Pumps.fastRetries().put("maxOutbox", 4);
    routes.put("hook", Pumps.route(webhook(), pumpPatches(), options));
    for (int i = 1; i <= 6; i++) {
      Pumps.rpm(engine, "p1", i);
    }
    RouteStatus full = routes.get("hook").status();
    assertThat(full.state()).isEqualTo(RouteState.OVERFLOWING);
    assertThat(full.lag()).isEqualTo(4);
    assertThat(full.dropped()).isEqualTo(2);
    hook.up();
    await().atMost(WAIT).until(() -> hook.accepted().size() == 4);
    assertThat(Pumps.rpmsByTwin(hook.accepted()).get("p1")).isEqualTo(Pumps.upTo(4));
  }

  @Test
  void onlyEventsPassingTheFilterAreRoutedAndARestartDeliversWhatWasLeft() throws Exception {
    hook = TestWebhook.down();
    routes.put("hook", Pumps.route(webhook(), pumpPatches(), Pumps.fastRetries()));
    Pumps.rpm(engine, "p1", 1);
    JsonNode valvePatch = JSON.readTree("[{\"op\":\"add\",\"path\":\"/open\",\"value\":1}]");
    engine.patchTwin("v1", (com.fasterxml.jackson.databind.node.ArrayNode) valvePatch,
        io.doppel.twin.Precondition.none());
    Pumps.rpm(engine, "p2", 1);
    assertThat(routes.get("hook").status().lag()).isEqualTo(2);

    routes.close(); // a restart: the outbox keeps what was not delivered
    hook.up();
    routes = EventRoutes.open(engine, outbox, Clock.systemUTC(), RandomGenerator.of("L64X128MixRandom"));
    await().atMost(WAIT).until(() -> hook.accepted().size() == 2);
    assertThat(Pumps.rpmsByTwin(hook.accepted())).containsOnlyKeys("p1", "p2");
    assertThat(routes.get("hook").definition().filterParams()).containsKeys("model", "type");
  }

  @Test
  void aDeletedRouteForgetsItsEventsAndAReplacedOneKeepsThem() throws Exception {
    hook = TestWebhook.down();
    routes.put("hook", Pumps.route(webhook(), pumpPatches(), Pumps.fastRetries()));
    Pumps.rpm(engine, "p1", 1);
    routes.pause("hook", true);
    try (TestWebhook other = TestWebhook.started()) {
      ObjectNode moved = JSON.createObjectNode().put("type", "webhook").put("url", other.url().toString());
      assertThat(routes.put("hook", Pumps.route(moved, pumpPatches(), Pumps.fastRetries()))).isFalse();
      assertThat(routes.get("hook").status().state()).isEqualTo(RouteState.PAUSED);
      routes.pause("hook", false);
      await().atMost(WAIT).until(() -> other.accepted().size() == 1);
    }
    routes.pause("hook", true);
    Pumps.rpm(engine, "p1", 2);
    routes.delete("hook");
    assertThat(outbox.count("hook")).isZero();
    assertThat(outbox.routes()).isEmpty();
    assertThat(routes.list()).isEmpty();
  }
}
