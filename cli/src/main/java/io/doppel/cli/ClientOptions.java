package io.doppel.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the server is and how to talk to it; shared by every client command. */
final class ClientOptions {
  @Option(names = "--url", defaultValue = "${env:DOPPEL_URL:-http://localhost:8080}",
      description = "Server URL (env DOPPEL_URL). Default: ${DEFAULT-VALUE}")
  String url;

  @Option(names = "--token", defaultValue = "${env:DOPPEL_TOKEN}", description = "Bearer token (env DOPPEL_TOKEN).")
  String token;

  @Option(names = "--cacert", defaultValue = "${env:DOPPEL_CACERT}",
      description = "PEM file of the certificates to trust for https (e.g. a self-signed server's; env DOPPEL_CACERT).")
  Path cacert;

  @Option(names = "--compact", description = "Print JSON on one line instead of pretty.")
  boolean compact;
}
