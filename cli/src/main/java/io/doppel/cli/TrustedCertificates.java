package io.doppel.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * An SSL context that trusts exactly the certificates of a PEM (or DER) file, like curl's {@code --cacert}: how the
 * CLI talks to a server with a self-signed or private-CA certificate without touching the JDK's trust store.
 */
final class TrustedCertificates {
  private TrustedCertificates() {}

  static SSLContext sslContext(Path certificates) {
    try (InputStream in = Files.newInputStream(certificates)) {
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      int i = 0;
      for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        trust.setCertificateEntry("cert-" + i++, certificate);
      }
      if (i == 0) {
        throw new CliFailure(CliFailure.BAD_INPUT, certificates + " holds no certificate");
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new CliFailure(CliFailure.BAD_INPUT, "cannot read certificates from " + certificates + ": " + e.getMessage(), e);
    }
  }
}
