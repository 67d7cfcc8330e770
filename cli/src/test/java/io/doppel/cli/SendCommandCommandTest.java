package io.doppel.cli;

import static io.doppel.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.doppel.history.HistoryOptions;
import io.doppel.ingest.IngestOptions;
import io.doppel.server.DoppelServer;
import io.doppel.server.ServerConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code doppel command} against a real server with its MQTT endpoint and a real MQTT device. */
class SendCommandCommandTest {
  private static final String VALVE = """
      {"@context":"dtmi:dtdl:context;3","@id":"dtmi:cli:Valve;1","@type":"Interface",
       "contents":[{"@type":"Property","name":"open","schema":"boolean","writable":true}]}
      """;

  @Test
  void sendsACommandToTheSubscribedDeviceAndSaysWhenNobodyListens(@TempDir Path dir) throws Exception {
    try (DoppelServer server = DoppelServer.start(ServerConfig.ephemeral(), HistoryOptions.defaults(),
        IngestOptions.defaults().withMqttPort(0))) {
      String url = server.baseUri().toString();
      Files.writeString(dir.resolve("valve.json"), VALVE);
      assertThat(run("models", "add", dir.resolve("valve.json").toString(), "--url", url).exit()).isZero();
      assertThat(run("twins", "put", "v1", "{\"$metadata\":{\"$model\":\"dtmi:cli:Valve;1\"}}", "--url", url)
          .exit()).isZero();

      CliRun nobody = run("command", "v1", "close", "--url", url);
      assertThat(nobody.exit()).isEqualTo(CliFailure.REQUEST_REJECTED);
      assertThat(nobody.err()).contains("COMMAND_NOT_DELIVERED");

      Mqtt5BlockingClient valve = MqttClient.builder().useMqttVersion5().identifier("valve-1")
          .serverHost("127.0.0.1").serverPort(server.mqttPort()).buildBlocking();
      valve.connect();
      valve.subscribeWith().topicFilter("twins/v1/commands/+").qos(MqttQos.AT_LEAST_ONCE).send();
      try (Mqtt5BlockingClient.Mqtt5Publishes received = valve.publishes(MqttGlobalPublishFilter.ALL)) {
        CliRun sent = run("command", "v1", "close", "{\"within\": \"PT5S\"}", "--url", url, "--compact");
        assertThat(sent.exit()).as(sent.err()).isZero();
        assertThat(sent.out()).contains("\"deliveredTo\":1");
        var command = received.receive(10, TimeUnit.SECONDS).orElseThrow();
        assertThat(command.getTopic().toString()).isEqualTo("twins/v1/commands/close");
        assertThat(new String(command.getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"within\":\"PT5S\"}");
      }
      valve.disconnect();
    }
  }

  @Test
  void serveRefusesAnMqttPortOutOfRange() {
    CliRun bad = run("serve", "--mqtt-port", "70000", "--in-memory");
    assertThat(bad.exit()).isNotZero();
    assertThat(bad.err()).contains("--mqtt-port");
  }
}
