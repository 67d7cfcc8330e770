package io.doppel.cli;

import io.doppel.server.DoppelServer;
import io.doppel.server.ServerConfig;
import java.util.Arrays;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real server on a random port for each test (a JUnit extension, registered with {@code @RegisterExtension}),
 * and {@code doppel} commands aimed at it. It starts before the test's {@code @BeforeEach} methods and closes after
 * its {@code @AfterEach} ones, so that those may set the server up.
 */
final class CliServer implements BeforeEachCallback, AfterEachCallback {
  /** The platform admin key of a {@link #secured()} server. */
  static final String ADMIN_KEY = "cli-admin-key-0123456789abcdef";

  private final Supplier<ServerConfig> config;
  private DoppelServer server;

  private CliServer(Supplier<ServerConfig> config) {
    this.config = config;
  }

  /** A server open to anyone. */
  static CliServer open() {
    return new CliServer(ServerConfig::ephemeral);
  }

  /** A server that requires authentication, with {@link #ADMIN_KEY} as its platform admin. */
  static CliServer secured() {
    return new CliServer(() -> ServerConfig.ephemeralSecured(ADMIN_KEY));
  }

  /** A server with this configuration. */
  static CliServer of(Supplier<ServerConfig> config) {
    return new CliServer(config);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    server = DoppelServer.start(config.get());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    server.close();
  }

  /** The running server, for what a test sets up or checks behind the HTTP API. */
  DoppelServer get() {
    return server;
  }

  String url() {
    return server.baseUri().toString();
  }

  /** {@code doppel <args> --url <this server>}. */
  CliRun run(String... args) {
    return CliRun.run(append(args, "--url", url()));
  }

  /** {@code doppel <args> --url <this server> --api-key <admin key>}. */
  CliRun admin(String... args) {
    return CliRun.run(append(args, "--url", url(), "--api-key", ADMIN_KEY));
  }

  private static String[] append(String[] args, String... more) {
    String[] all = Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return all;
  }
}
