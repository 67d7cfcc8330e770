package io.doppel.server;

import io.doppel.fuzz.Show;
import java.util.List;

/**
 * One request of the HTTP mutation fuzzer: the route it was made for, what was mutated, and the request itself.
 *
 * @param route the route template it was made from, e.g. {@code PUT /digitaltwins/{id}}
 * @param mutation which kind of mutation made it (the report tallies outcomes per kind)
 * @param method the HTTP method
 * @param target the path and query, already percent-encoded
 * @param contentType the Content-Type header, or null for none
 * @param headers further headers, as name, value pairs
 * @param body the body bytes (possibly not UTF-8)
 */
record HttpFuzzInput(String route, String mutation, String method, String target, String contentType,
    List<String> headers, byte[] body) {

  /** The request as a curl command line, its body cut to the first 300 bytes, for failure messages. */
  String show() {
    return curl(body.length > 300 ? java.util.Arrays.copyOf(body, 300) : body)
        + (body.length > 300 ? " (first 300 of " + body.length + " bytes)" : "");
  }

  /** The whole request (the fuzzer writes this to its failure file), enough to replay a failure by hand. */
  @Override
  public String toString() {
    return curl(body);
  }

  private String curl(byte[] shownBody) {
    StringBuilder out = new StringBuilder("[").append(route).append(", ").append(mutation).append("] curl -X ")
        .append(method).append(" 'http://<server>").append(target).append('\'');
    if (contentType != null) {
      out.append(" -H 'Content-Type: ").append(contentType).append('\'');
    }
    for (int i = 0; i + 1 < headers.size(); i += 2) {
      out.append(" -H '").append(headers.get(i)).append(": ").append(headers.get(i + 1)).append('\'');
    }
    return out.append(" --data-binary <").append(Show.bytes(shownBody)).append('>').toString();
  }
}
