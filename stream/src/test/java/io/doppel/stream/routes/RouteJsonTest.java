package io.doppel.stream.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.doppel.model.Dtmi;
import io.doppel.stream.EventType;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouteJsonTest {
  private static RouteDefinition parse(String json) {
    return RouteJson.parse("r1", Pumps.json(json));
  }

  @Test
  void aWebhookRouteWithFilterAndOptionsReadsAndWritesBackWithItsSecretHidden() {
    RouteDefinition route = parse("""
        {"endpoint": {"type": "webhook", "url": "https://example.org/hook", "secret": "s",
                      "headers": {"X-Key": "v"}, "batch": true, "timeout": "PT5S"},
         "filter": {"model": "dtmi:r:Pump;1", "type": ["io.doppel.twin.*"]},
         "options": {"maxAttempts": 5, "backoffBase": "PT0.5S", "backoffMax": "PT1M", "maxOutbox": 1000}}""");
    Endpoint.Webhook hook = (Endpoint.Webhook) route.endpoint();
    assertThat(hook.secret()).isEqualTo("s");
    assertThat(hook.batch()).isTrue();
    assertThat(hook.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(route.filter().models()).containsExactly(Dtmi.parse("dtmi:r:Pump;1"));
    assertThat(route.filter().types()).contains(EventType.TWIN_PATCHED, EventType.TWIN_CREATED);
    assertThat(route.options().maxAttempts()).isEqualTo(5);
    assertThat(route.options().maxOutbox()).isEqualTo(1000);

    JsonNode shown = RouteJson.write(route, false);
    assertThat(shown.path("endpoint").path("secret").asText()).isEqualTo("***");
    assertThat(shown.path("filter").path("type").get(0).asText()).isEqualTo("io.doppel.twin.*");
    JsonNode stored = RouteJson.write(route, true);
    assertThat(RouteJson.parse("r1", stored)).isEqualTo(route);
  }

  @Test
  void aRouteFilterTakesAWhereConditionAndNamesItWhenItIsBad() {
    RouteDefinition route = parse("""
        {"endpoint": {"type": "webhook", "url": "https://example.org/hook"},
         "filter": {"where": "IS_OF_MODEL('dtmi:r:Pump;1') AND rpm > 1000"}}""");
    assertThat(route.filter().where()).isNotNull();
    assertThat(route.filter().where().text()).isEqualTo("IS_OF_MODEL('dtmi:r:Pump;1') AND rpm > 1000");
    assertThat(RouteJson.parse("r1", RouteJson.write(route, true))).isEqualTo(route);
    assertThatThrownBy(() -> parse("""
        {"endpoint": {"type": "webhook", "url": "https://example.org/hook"}, "filter": {"where": "rpm >"}}"""))
        .isInstanceOfSatisfying(DoppelException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
          assertThat(e.details().get(0).target()).isEqualTo("filter.where");
          assertThat(e.getMessage()).contains("line 1, column 6");
        });
  }

  @Test
  void mqttAndKafkaRoutesGetTheirDefaults() {
    Endpoint.Mqtt mqtt = (Endpoint.Mqtt) parse("""
        {"endpoint": {"type": "mqtt", "broker": "tcp://broker:1883", "topic": "doppel/{twinId}/{type}"}}""")
        .endpoint();
    assertThat(mqtt.qos()).isEqualTo(1);
    assertThat(mqtt.clientId()).isEqualTo("doppel-route-r1");
    Endpoint.Kafka kafka = (Endpoint.Kafka) parse("""
        {"endpoint": {"type": "kafka", "bootstrap": "k1:9092,k2:9092", "topic": "twins"}}""").endpoint();
    assertThat(kafka.topic()).isEqualTo("twins");
    assertThat(MqttTransport.topic("doppel/{twinId}/{type}", "a/b+#", "io.doppel.twin.patched"))
        .isEqualTo("doppel/a%2Fb%2B%23/io.doppel.twin.patched");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{}|endpoint",
      "{\"endpoint\":{\"type\":\"smtp\"}}|endpoint.type",
      "{\"endpoint\":{\"type\":\"webhook\"}}|endpoint.url",
      "{\"endpoint\":{\"type\":\"webhook\",\"url\":\"ftp://x/y\"}}|endpoint.url",
      "{\"endpoint\":{\"type\":\"webhook\",\"url\":\"http://x\",\"secrets\":\"s\"}}|endpoint.secrets",
      "{\"endpoint\":{\"type\":\"webhook\",\"url\":\"http://x\",\"headers\":{\"Content-Type\":\"a\"}}}"
          + "|endpoint.headers.Content-Type",
      "{\"endpoint\":{\"type\":\"webhook\",\"url\":\"http://x\",\"timeout\":\"10s\"}}|endpoint.timeout",
      "{\"endpoint\":{\"type\":\"mqtt\",\"broker\":\"tcp://b\",\"topic\":\"a/#\"}}|endpoint.topic",
      "{\"endpoint\":{\"type\":\"mqtt\",\"broker\":\"tcp://b\",\"topic\":\"a/{model}\"}}|endpoint.topic",
      "{\"endpoint\":{\"type\":\"mqtt\",\"broker\":\"tcp://b\",\"topic\":\"a\",\"qos\":2}}|endpoint.qos",
      "{\"endpoint\":{\"type\":\"kafka\",\"bootstrap\":\"nohost\",\"topic\":\"t\"}}|endpoint.bootstrap",
      "{\"endpoint\":{\"type\":\"kafka\",\"bootstrap\":\"h:1\",\"topic\":\"a b\"}}|endpoint.topic",
      "{\"endpoint\":{\"type\":\"kafka\",\"bootstrap\":\"h:1\",\"topic\":\"t\",\"properties\":{\"acks\":\"1\"}}}"
          + "|endpoint.properties.acks",
      "{\"endpoint\":{\"type\":\"kafka\",\"bootstrap\":\"h:1\",\"topic\":\"t\"},\"filter\":{\"model\":\"x\"}}"
          + "|filter.model",
      "{\"endpoint\":{\"type\":\"kafka\",\"bootstrap\":\"h:1\",\"topic\":\"t\"},\"filter\":{\"twinId\":\"x\"}}"
          + "|filter.twinId",
      "{\"endpoint\":{\"type\":\"kafka\",\"bootstrap\":\"h:1\",\"topic\":\"t\"},\"filter\":{\"cursor\":\"1\"}}"
          + "|filter",
      "{\"endpoint\":{\"type\":\"kafka\",\"bootstrap\":\"h:1\",\"topic\":\"t\"},\"options\":{\"maxOutbox\":0}}"
          + "|options.maxOutbox",
      "{\"endpoint\":{\"type\":\"kafka\",\"bootstrap\":\"h:1\",\"topic\":\"t\"},\"options\":{\"backoffBase\":"
          + "\"PT10S\",\"backoffMax\":\"PT1S\"}}|options.backoffMax",
      "{\"endpoint\":{\"type\":\"kafka\",\"bootstrap\":\"h:1\",\"topic\":\"t\"},\"options\":{\"retries\":3}}"
          + "|options.retries",
      "{\"id\":\"other\",\"endpoint\":{\"type\":\"kafka\",\"bootstrap\":\"h:1\",\"topic\":\"t\"}}|id",
  })
  void badFieldsAreRefusedNamingTheField(String json, String target) {
    assertThatThrownBy(() -> parse(json))
        .isInstanceOfSatisfying(DoppelException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
          assertThat(e.details()).first().satisfies(d -> assertThat(d.target()).isEqualTo(target));
        });
  }

  @Test
  void routeIdsAreCheckedBeforeAnythingElse() {
    assertThatThrownBy(() -> RouteJson.id("a:pause")).isInstanceOf(DoppelException.class)
        .hasMessageStartingWith("id:");
    assertThat(RouteJson.id("orders-1.v2")).isEqualTo("orders-1.v2");
  }
}
