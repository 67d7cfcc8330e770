package io.doppel.server;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** Jetty's network connectors, set up for many clients arriving at once (the HTTPS one is {@link Tls}'s). */
final class HttpConnectors {
  /**
   * Connections the kernel completes and holds until Jetty's acceptor takes them. Jetty's default (0) leaves Java's
   * backlog of 50: a burst of new clients (a fleet reconnecting, a load balancer opening its pool, a load test with
   * a thousand connections) overflows it, Linux then drops the handshakes it cannot queue, and the clients see
   * connect timeouts or resets instead of an answer — a 429 among them, when the server is overloaded. The kernel
   * caps it at {@code net.core.somaxconn} (4,096 on current Linux).
   */
  static final int ACCEPT_QUEUE = 4096;

  private HttpConnectors() {}

  /** Plain HTTP on the configured host and port. */
  static ServerConnector plain(Server server, HttpConfiguration http, ServerConfig config) {
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(config.host());
    connector.setPort(config.port());
    return withBurstQueue(connector);
  }

  static ServerConnector withBurstQueue(ServerConnector connector) {
    connector.setAcceptQueueSize(ACCEPT_QUEUE);
    return connector;
  }
}
