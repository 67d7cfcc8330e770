package io.doppel.server;

import io.doppel.history.HistoryOptions;
import io.doppel.ingest.IngestOptions;
import java.nio.file.Path;

/** A server with MQTT in its own JVM on the data directory {@code args[0]}, for the kill -9 test. */
public final class MqttServerMain {
  private MqttServerMain() {}

  public static void main(String[] args) throws InterruptedException {
    DoppelServer server = DoppelServer.start(ServerConfig.ephemeral().withDataDir(Path.of(args[0])),
        HistoryOptions.defaults(), IngestOptions.defaults().withMqttPort(0));
    java.io.PrintStream out = System.out;
    out.println("READY " + server.port() + " " + server.mqttPort());
    out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
