package io.doppel.server;

import io.doppel.server.auth.AuthConfig;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * How to run one Doppel server.
 *
 * @param host the interface to bind ({@code 0.0.0.0} for all)
 * @param port the TCP port; 0 picks a free one (see {@link DoppelServer#port()})
 * @param dataDir the RocksDB directory; {@code null} keeps everything in memory (tests, throw-away demos)
 * @param demo load the example packs at start, skipping models, twins and relationships that already exist
 * @param tlsKeystore a PKCS12 keystore: when set the server speaks HTTPS only
 * @param tlsPassword the keystore's password
 * @param token an older static bearer token: when set, authentication is required and the token acts as the admin
 *     key (see {@code docs/security.md})
 * @param maxBodyBytes the largest request body accepted (413 {@code PAYLOAD_TOO_LARGE} above it)
 * @param auth whether callers must authenticate, the admin key and the JWT settings
 */
public record ServerConfig(
    String host,
    int port,
    @Nullable Path dataDir,
    boolean demo,
    @Nullable Path tlsKeystore,
    @Nullable String tlsPassword,
    @Nullable String token,
    long maxBodyBytes,
    AuthConfig auth) {

  /** 1 MiB: ADT caps a twin at 32 KiB and a model batch at 1 MiB; the engine checks the finer limits. */
  public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

  public ServerConfig {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, was " + port);
    }
    if (maxBodyBytes <= 0) {
      throw new IllegalArgumentException("maxBodyBytes must be positive, was " + maxBodyBytes);
    }
    if (tlsKeystore != null && tlsPassword == null) {
      throw new IllegalArgumentException("a TLS keystore needs its password");
    }
    if (token != null && token.isBlank()) {
      token = null;
    }
  }

  /** Without authentication settings: open unless a token is given. */
  public ServerConfig(String host, int port, @Nullable Path dataDir, boolean demo, @Nullable Path tlsKeystore,
      @Nullable String tlsPassword, @Nullable String token, long maxBodyBytes) {
    this(host, port, dataDir, demo, tlsKeystore, tlsPassword, token, maxBodyBytes, AuthConfig.OPEN);
  }

  /** In memory, on a free port of the loopback interface, no TLS, no token, open: what most tests want. */
  public static ServerConfig ephemeral() {
    return new ServerConfig("127.0.0.1", 0, null, false, null, null, null, DEFAULT_MAX_BODY_BYTES);
  }

  /** {@link #ephemeral()} with authentication required and {@code adminKey} as the admin's key. */
  public static ServerConfig ephemeralSecured(String adminKey) {
    return ephemeral().withAuth(AuthConfig.required(adminKey));
  }

  public ServerConfig withAuth(AuthConfig newAuth) {
    return new ServerConfig(host, port, dataDir, demo, tlsKeystore, tlsPassword, token, maxBodyBytes, newAuth);
  }

  public ServerConfig withHost(String newHost) {
    return new ServerConfig(newHost, port, dataDir, demo, tlsKeystore, tlsPassword, token, maxBodyBytes, auth);
  }

  public ServerConfig withPort(int newPort) {
    return new ServerConfig(host, newPort, dataDir, demo, tlsKeystore, tlsPassword, token, maxBodyBytes, auth);
  }

  public ServerConfig withDataDir(@Nullable Path dir) {
    return new ServerConfig(host, port, dir, demo, tlsKeystore, tlsPassword, token, maxBodyBytes, auth);
  }

  public ServerConfig withDemo(boolean load) {
    return new ServerConfig(host, port, dataDir, load, tlsKeystore, tlsPassword, token, maxBodyBytes, auth);
  }

  public ServerConfig withTls(@Nullable Path keystore, @Nullable String password) {
    return new ServerConfig(host, port, dataDir, demo, keystore, password, token, maxBodyBytes, auth);
  }

  public ServerConfig withToken(@Nullable String newToken) {
    return new ServerConfig(host, port, dataDir, demo, tlsKeystore, tlsPassword, newToken, maxBodyBytes, auth);
  }

  public ServerConfig withMaxBodyBytes(long limit) {
    return new ServerConfig(host, port, dataDir, demo, tlsKeystore, tlsPassword, token, limit, auth);
  }

  public boolean tls() {
    return tlsKeystore != null;
  }
}
