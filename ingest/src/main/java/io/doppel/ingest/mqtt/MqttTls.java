package io.doppel.ingest.mqtt;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;

/** A server TLS context from the same PKCS12 keystore the HTTPS connector uses. */
public final class MqttTls {
  private MqttTls() {}

  public static SslContext fromPkcs12(Path keystore, String password) {
    char[] secret = password.toCharArray();
    try (InputStream in = Files.newInputStream(keystore)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, secret);
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, secret);
      return SslContextBuilder.forServer(keys).build();
    } catch (SSLException e) {
      throw new IllegalArgumentException("cannot build the MQTT TLS context from " + keystore + ": " + e.getMessage(),
          e);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("TLS keystore not readable: " + keystore + ": " + e.getMessage(), e);
    }
  }
}
