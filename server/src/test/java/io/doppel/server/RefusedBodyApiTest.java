package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A request refused while its client is still sending the body: the client reads the refusal (413 with its code
 * and limit, 401) instead of failing on a broken pipe. The bodies are far larger than the loopback socket buffers,
 * so a server that answered and closed without reading them would make the writes below fail.
 */
class RefusedBodyApiTest {
  private static final long LIMIT = 64 * 1024;
  /** Well past what the kernel buffers on loopback, well under the drain bound. */
  private static final int BIG = 12 * 1024 * 1024;

  @Test
  void aRawClientWritingAnOversizedBatchReadsThe413() throws Exception {
    TestServer.test(c -> c.withMaxBodyBytes(LIMIT), (server, http) -> {
      try (Socket socket = new Socket(server.baseUri().getHost(), server.port())) {
        OutputStream out = socket.getOutputStream();
        out.write(head("POST /ingest/batch", "Content-Length: " + BIG));
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) ' ');
        for (int sent = 0; sent < BIG; sent += chunk.length) {
          out.write(chunk); // throws "Broken pipe" / "Connection reset" when the server did not read the body
        }
        out.flush();
        RawResponse response = RawResponse.read(socket.getInputStream());
        assertThat(response.status).isEqualTo(413);
        assertLimitNamed(response.json());
      }
    });
  }

  @Test
  void anOversizedChunkedBodyIsRefusedAfterAtMostTheLimitIsKept() throws Exception {
    TestServer.test(c -> c.withMaxBodyBytes(LIMIT), (server, http) -> {
      try (Socket socket = new Socket(server.baseUri().getHost(), server.port())) {
        OutputStream out = socket.getOutputStream();
        out.write(head("POST /ingest/batch", "Transfer-Encoding: chunked"));
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) ' ');
        for (int sent = 0; sent < BIG; sent += chunk.length) {
          out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
          out.write(chunk);
          out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        RawResponse response = RawResponse.read(socket.getInputStream());
        assertThat(response.status).isEqualTo(413);
        assertLimitNamed(response.json());
      }
    });
  }

  @Test
  void aClientExpecting100ContinueIsRefusedBeforeItSendsTheBody() throws Exception {
    TestServer.test(c -> c.withMaxBodyBytes(LIMIT), (server, http) -> {
      try (Socket socket = new Socket(server.baseUri().getHost(), server.port())) {
        socket.getOutputStream().write(head("POST /ingest/batch", "Content-Length: " + BIG, "Expect: 100-continue"));
        RawResponse response = RawResponse.read(socket.getInputStream());
        assertThat(response.status).as("a final answer, not 100 Continue").isEqualTo(413);
        assertLimitNamed(response.json());
      }
    });
  }

  @Test
  void aBodyPastTheDrainBoundIsAnsweredAtOnceAndTheConnectionClosed() throws Exception {
    TestServer.test(c -> c.withMaxBodyBytes(LIMIT), (server, http) -> {
      try (Socket socket = new Socket(server.baseUri().getHost(), server.port())) {
        long huge = RefusedBody.LIMIT + 1;
        socket.getOutputStream().write(head("POST /ingest/batch", "Content-Length: " + huge));
        RawResponse response = RawResponse.read(socket.getInputStream());
        assertThat(response.status).isEqualTo(413);
        assertThat(response.headers.get("connection")).isEqualTo("close");
        assertLimitNamed(response.json());
      }
    });
  }

  @Test
  void httpClientReadsThe413WithAndWithoutExpectContinue() throws Exception {
    TestServer.test(c -> c.withMaxBodyBytes(LIMIT), (server, http) -> {
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      for (boolean expectContinue : new boolean[] {false, true}) {
        HttpResponse<String> response = client.send(bigPost(server.baseUri(), expectContinue, ""),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("expect-continue %s", expectContinue).isEqualTo(413);
        assertLimitNamed(Http.MAPPER.readTree(response.body()));
      }
      // the connection the drained refusal left is still good for the next request
      assertThat(client.send(HttpRequest.newBuilder(server.baseUri().resolve("/health")).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    });
  }

  @Test
  void anUnauthenticatedClientSendingABigBodyReadsIts401() throws Exception {
    TestServer.test(c -> ServerConfig.ephemeralSecured("admin-key-for-refused-bodies"), (server, http) -> {
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      HttpResponse<String> response = client.send(bigPost(server.baseUri(), false, "Bearer not-a-key"),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(Http.MAPPER.readTree(response.body()).path("error").path("code").asText()).isNotEmpty();
    });
  }

  private static HttpRequest bigPost(URI base, boolean expectContinue, String authorization) {
    byte[] body = new byte[BIG];
    Arrays.fill(body, (byte) ' ');
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/ingest/batch"))
        .header("Content-Type", "application/json").expectContinue(expectContinue)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (!authorization.isEmpty()) {
      request.header("Authorization", authorization);
    }
    return request.build();
  }

  private static void assertLimitNamed(JsonNode json) {
    assertThat(json.path("error").path("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
    assertThat(json.path("error").path("details").toString()).contains("body").contains("limit " + LIMIT);
  }

  private static byte[] head(String requestLine, String... headers) {
    StringBuilder text = new StringBuilder(requestLine).append(" HTTP/1.1\r\nHost: localhost\r\n")
        .append("Content-Type: application/json\r\n");
    for (String header : headers) {
      text.append(header).append("\r\n");
    }
    return text.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
  }

  /** Status, headers (names lower-cased) and a Content-Length body, read off a socket. */
  private record RawResponse(int status, Map<String, String> headers, byte[] body) {
    static RawResponse read(InputStream in) throws IOException {
      String statusLine = line(in);
      Map<String, String> headers = new LinkedHashMap<>();
      for (String line = line(in); !line.isEmpty(); line = line(in)) {
        int colon = line.indexOf(':');
        headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
      }
      int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
      return new RawResponse(Integer.parseInt(statusLine.split(" ")[1]), headers, in.readNBytes(length));
    }

    JsonNode json() throws IOException {
      return Http.MAPPER.readTree(body);
    }

    private static String line(InputStream in) throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      for (int b = in.read(); b != '\n'; b = in.read()) {
        if (b < 0) {
          throw new IOException("the connection closed mid-response after: " + line);
        }
        if (b != '\r') {
          line.write(b);
        }
      }
      return line.toString(StandardCharsets.US_ASCII);
    }
  }
}
