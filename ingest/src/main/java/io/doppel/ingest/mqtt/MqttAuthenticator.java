package io.doppel.ingest.mqtt;

import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether a device may connect, from what its CONNECT packet carries. Called on a network thread for each
 * CONNECT: an implementation must answer quickly (no blocking I/O) and be thread-safe.
 */
@FunctionalInterface
public interface MqttAuthenticator {
  /** What a device presented. {@code password} is the raw bytes of the CONNECT's password field. */
  record Credentials(String clientId, @Nullable String username, byte @Nullable [] password, SocketAddress remote) {}

  /** The answer, mapped to the CONNACK reason code of the client's protocol version. */
  enum Verdict {
    ACCEPTED,
    /** Missing or wrong username or password (3.1.1: 0x04, 5: 0x86). */
    BAD_CREDENTIALS,
    /** Credentials are fine, but this client may not connect (3.1.1: 0x05, 5: 0x87). */
    NOT_AUTHORIZED,
    /** Refused without a look at the credentials: too many failures from the address lately (3.1.1: 0x03, 5: 0x9F). */
    THROTTLED
  }

  Verdict authenticate(Credentials credentials);

  /** A verdict and, when accepted, the realm whose ingestor and downlink the device's session uses. */
  record Admission(Verdict verdict, String realm) {}

  /**
   * Decides and names the device's realm: endpoints serving several realms (one per tenant) override this; by
   * default every device is in {@link MqttEndpoint#DEFAULT_REALM}.
   */
  default Admission admit(Credentials credentials) {
    return new Admission(authenticate(credentials), MqttEndpoint.DEFAULT_REALM);
  }

  /** Lets every device in: a server without a token. */
  static MqttAuthenticator anyone() {
    return credentials -> Verdict.ACCEPTED;
  }

  /**
   * Accepts a device whose password is {@code token} (the server's bearer token; the username is free, e.g. the
   * device's name), compared in constant time.
   */
  static MqttAuthenticator token(String token) {
    byte[] expected = token.getBytes(StandardCharsets.UTF_8);
    return credentials -> credentials.password() != null && MessageDigest.isEqual(expected, credentials.password())
        ? Verdict.ACCEPTED : Verdict.BAD_CREDENTIALS;
  }
}
