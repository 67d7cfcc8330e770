package io.doppel.server;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** An HTTPS-only Jetty connector from a PKCS12 keystore (Javalin 7 ships no SSL plugin of its own). */
final class Tls {
  private Tls() {}

  static Connector connector(Server server, HttpConfiguration base, ServerConfig config) {
    Path keystore = config.tlsKeystore();
    if (keystore == null || !Files.isReadable(keystore)) {
      throw new IllegalArgumentException("TLS keystore not readable: " + keystore);
    }
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setKeyStorePath(keystore.toAbsolutePath().toString());
    ssl.setKeyStoreType("PKCS12");
    ssl.setKeyStorePassword(config.tlsPassword());
    HttpConfiguration https = new HttpConfiguration(base);
    // Clients commonly reach a self-hosted server by IP or a name missing from the certificate: don't refuse them.
    SecureRequestCustomizer secure = new SecureRequestCustomizer(false);
    https.addCustomizer(secure);
    ServerConnector connector = new ServerConnector(server,
        new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(https));
    connector.setHost(config.host());
    connector.setPort(config.port());
    return HttpConnectors.withBurstQueue(connector);
  }
}
