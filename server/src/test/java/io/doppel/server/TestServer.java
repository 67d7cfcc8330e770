package io.doppel.server;

import java.util.function.UnaryOperator;

/** Boots a real server on a free port for one test, like Javalin's {@code TestUtil.test((app, http) -> ...)}. */
final class TestServer {
  @FunctionalInterface
  interface Body {
    void run(DoppelServer server, Http http) throws Exception;
  }

  private TestServer() {}

  static void test(Body body) throws Exception {
    test(c -> c, body);
  }

  /** A server with its MQTT endpoint on a free port too ({@link DoppelServer#mqttPort()}). */
  static void withMqtt(UnaryOperator<ServerConfig> configure, Body body) throws Exception {
    try (DoppelServer server = DoppelServer.start(configure.apply(ServerConfig.ephemeral()),
        io.doppel.history.HistoryOptions.defaults(), io.doppel.ingest.IngestOptions.defaults().withMqttPort(0))) {
      body.run(server, new Http(server.baseUri()));
    }
  }

  static void test(UnaryOperator<ServerConfig> configure, Body body) throws Exception {
    try (DoppelServer server = DoppelServer.start(configure.apply(ServerConfig.ephemeral()))) {
      body.run(server, new Http(server.baseUri()));
    }
  }
}
