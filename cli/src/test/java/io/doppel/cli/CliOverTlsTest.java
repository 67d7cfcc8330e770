package io.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.doppel.server.DoppelServer;
import io.doppel.server.ServerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client commands against an HTTPS server with a self-signed certificate, trusted through {@code --cacert}. */
class CliOverTlsTest {
  private static final String PASSWORD = "changeit-test";

  @Test
  void trustsASelfSignedServerGivenItsCertificateAndRefusesWithout(@TempDir Path dir) throws Exception {
    Path keystore = dir.resolve("server.p12");
    Path pem = dir.resolve("server.pem");
    keytool("-genkeypair", "-alias", "doppel", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
        "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
        "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
    keytool("-exportcert", "-rfc", "-alias", "doppel", "-keystore", keystore.toString(), "-storepass", PASSWORD,
        "-file", pem.toString());

    try (DoppelServer server = DoppelServer.start(
        ServerConfig.ephemeral().withHost("127.0.0.1").withTls(keystore, PASSWORD))) {
      String url = "https://127.0.0.1:" + server.port();

      String[] trusted = run("models", "list", "--url", url, "--cacert", pem.toString(), "--compact");
      assertThat(trusted[0]).as(trusted[2]).isEqualTo("0");
      assertThat(trusted[1].strip()).isEqualTo("[]");

      String[] untrusted = run("models", "list", "--url", url);
      assertThat(untrusted[0]).isEqualTo("3");
      assertThat(untrusted[2]).startsWith("cannot reach " + url);

      Path notPem = Files.writeString(dir.resolve("not.pem"), "hello");
      String[] bad = run("models", "list", "--url", url, "--cacert", notPem.toString());
      assertThat(bad[0]).isEqualTo("2");
      assertThat(bad[2]).contains(notPem.toString());
    }
  }

  private static String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.commandLine(new PrintWriter(out), new PrintWriter(err)).execute(args);
    return new String[] {Integer.toString(exit), out.toString(), err.toString()};
  }

  private static void keytool(String... args) throws Exception {
    String[] command = new String[args.length + 1];
    command[0] = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    System.arraycopy(args, 0, command, 1, args.length);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
  }
}
