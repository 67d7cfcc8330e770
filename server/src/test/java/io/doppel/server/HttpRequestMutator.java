package io.doppel.server;

import io.doppel.fuzz.JsonMutator;
import io.doppel.fuzz.Mutator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Makes fuzz requests for one route from its valid seeds: JSON tree edits and byte edits of the body (wrong types,
 * huge and negative numbers, NaN-like strings, deep nesting, long strings, unknown fields via the dictionary),
 * duplicate keys, an empty body, a wrong content type, odd path parameters and query parameters, odd conditional
 * headers, and now and then a body over the server's size limit.
 */
final class HttpRequestMutator {
  /** Values the JSON mutator puts in place of others, and tokens the byte mutator inserts. */
  private static final List<String> DICTIONARY = List.of("\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "1e400",
      "-1e400", "-0", "1e-400", "9223372036854775808", "-9223372036854775809", "2147483648", "-1", "0.1",
      "\"\\u0000\"", "\"\\ud800\"", "\"\"", "\" \"", "\"2026-02-30T00:00:00Z\"", "\"2026-12-01T00:00:00Z\"",
      "\"PT-1H\"", "\"P99999999999D\"", "\"PT0S\"", "\"*\"", "\"#\"", "\"+\"", "\"$\"", "\"dtmi:x:y;1\"",
      "\"dtmi:test:Room;1\"", "\"room-1\"", "\"dev-1\"", "\"m1\"", "\"$dtId\"", "\"$metadata\"", "\"$model\"",
      "\"op\"", "\"path\"", "\"value\"", "\"query\"", "\"topic\"", "\"payload\"", "\"messages\"", "\"model\"",
      "\"unknownField\"", "\"" + "x".repeat(5_000) + "\"", "[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]", "{\"a\":{\"b\":{}}}",
      "true", "false", "null", "[]", "{}", "NaN", "Infinity", "'", "//", "/*");
  private static final List<String> CONTENT_TYPES = List.of("text/plain", "application/xml",
      "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=utf-16",
      "application/json; charset=nope", "application/yaml", "application/json-patch+json", "*/*", "a/b;;=",
      "application/octet-stream");
  private static final List<String> ODD_SEGMENTS = List.of("nope", "a%20b", "%00", "..", "%2F", "%2e%2e",
      "x".repeat(300), "%E2%82%AC", "dtmi%3Anope%3AX%3B1", "-", "%25", "%7B%7D", "%3F", "%23", "%22", "%5C", "0",
      "-1", "99999999999999999999", "fuzz");
  private static final List<String> QUERY_NAMES = List.of("api-version", "topic", "name", "from", "to", "limit",
      "max-items-per-page", "continuationToken", "dryRun", "force", "includeRelationships", "x", "");
  private static final List<String> QUERY_VALUES = List.of("", "-1", "0", "1e400", "99999999999999999999", "NaN",
      "2026-13-45T00:00:00Z", "2026-12-01T00:00:00Z", "%00", "a%20b", "true", "x".repeat(2_000), "%FF",
      "2023-10-31", "twins%2Fm1%2Ftelemetry", "%23", "power");
  private static final List<String> HEADERS = List.of("If-Match", "If-None-Match", "max-items-per-page",
      "Telemetry-Source-Time", "Doppel-Tenant", "Content-Encoding", "Accept");
  private static final List<String> HEADER_VALUES = List.of("*", "\"1\"", "W/\"x\"", "", "-1", "1e400", "gzip",
      "2026-02-30T00:00:00Z", "nope", "text/csv", "x".repeat(4_000));

  private final String method;
  private final String route;
  private final String contentType;
  private final List<HttpFuzzSeeds.Seed> seeds;
  private final JsonMutator json;
  private final Mutator bytes;
  private final long maxBodyBytes;

  HttpRequestMutator(String method, String template, String contentType, List<HttpFuzzSeeds.Seed> seeds,
      long maxBodyBytes) {
    this.method = method;
    this.route = method + " " + template;
    this.contentType = contentType;
    this.seeds = List.copyOf(seeds);
    List<String> bodies = new ArrayList<>(seeds.stream().map(HttpFuzzSeeds.Seed::body).toList());
    bodies.add("{}"); // so a body-less route still has a JSON seed to edit
    this.json = new JsonMutator(bodies, DICTIONARY, 64 * 1024);
    this.bytes = Mutator.ofText(bodies, DICTIONARY, 64 * 1024);
    this.maxBodyBytes = maxBodyBytes;
  }

  String route() {
    return route;
  }

  HttpFuzzInput next(RandomGenerator random) {
    HttpFuzzSeeds.Seed seed = seeds.get(random.nextInt(seeds.size()));
    byte[] body = utf8(seed.body());
    String type = contentType;
    String target = seed.target();
    List<String> headers = List.of();
    int kind = random.nextInt(100);
    String mutation;
    if (kind < 40) {
      mutation = "json";
      body = utf8(json.nextText(random));
    } else if (kind < 62) {
      mutation = "bytes";
      body = bytes.next(random);
    } else if (kind < 68) {
      mutation = "duplicate-key";
      body = utf8(duplicateKey(seed.body(), random));
    } else if (kind < 74) {
      mutation = "content-type";
      type = random.nextInt(8) == 0 ? null : CONTENT_TYPES.get(random.nextInt(CONTENT_TYPES.size()));
    } else if (kind < 78) {
      mutation = "empty";
      body = new byte[0];
    } else if (kind < 86) {
      mutation = "path";
      target = oddPath(target, random);
    } else if (kind < 93) {
      mutation = "query";
      target = oddQuery(target, random);
    } else if (kind < 99) {
      mutation = "header";
      headers = List.of(HEADERS.get(random.nextInt(HEADERS.size())),
          HEADER_VALUES.get(random.nextInt(HEADER_VALUES.size())));
    } else {
      mutation = "oversize";
      body = oversize(seed.body());
    }
    return new HttpFuzzInput(route, mutation, method, target, type, headers, body);
  }

  /** The seed with its first object's first member repeated with another value: which one wins must not matter. */
  private static String duplicateKey(String body, RandomGenerator random) {
    int open = body.indexOf('{');
    int colon = open < 0 ? -1 : body.indexOf(':', open);
    if (colon < 0) {
      return "{\"a\":1,\"a\":" + DICTIONARY.get(random.nextInt(DICTIONARY.size())) + "}";
    }
    String key = body.substring(open + 1, colon).strip();
    String value = DICTIONARY.get(random.nextInt(DICTIONARY.size()));
    return random.nextBoolean() ? body.substring(0, open + 1) + key + ":" + value + "," + body.substring(open + 1)
        : body.substring(0, colon + 1) + value + "," + key + ":" + body.substring(colon + 1);
  }

  /** One segment of the path replaced by an odd one (encoded, so the request is still a valid URI). */
  private static String oddPath(String target, RandomGenerator random) {
    int query = target.indexOf('?');
    String path = query < 0 ? target : target.substring(0, query);
    String rest = query < 0 ? "" : target.substring(query);
    String[] segments = path.substring(1).split("/", -1);
    int at = random.nextInt(segments.length);
    String odd = ODD_SEGMENTS.get(random.nextInt(ODD_SEGMENTS.size()));
    int colon = segments[at].indexOf(':');
    // keep a custom verb (":replay") half the time, so the route still matches and the id is what is odd
    segments[at] = colon > 0 && random.nextBoolean() ? odd + segments[at].substring(colon) : odd;
    return "/" + String.join("/", segments) + rest;
  }

  private static String oddQuery(String target, RandomGenerator random) {
    String name = QUERY_NAMES.get(random.nextInt(QUERY_NAMES.size()));
    String value = QUERY_VALUES.get(random.nextInt(QUERY_VALUES.size()));
    String pair = name + "=" + value;
    if (random.nextInt(4) == 0) {
      return target.replaceFirst("\\?.*", "") + "?" + pair; // drop the seed's own parameters
    }
    return target + (target.contains("?") ? "&" : "?") + pair;
  }

  /** The seed padded past the body limit with spaces inside its JSON, so only the size is wrong. */
  private byte[] oversize(String body) {
    byte[] seed = utf8(body);
    byte[] out = new byte[(int) maxBodyBytes + 1 + seed.length];
    java.util.Arrays.fill(out, (byte) ' ');
    System.arraycopy(seed, 0, out, out.length - seed.length, seed.length);
    return out;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
