package io.doppel.twin;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Builds the resource links ADT returns (e.g. {@code $relationshipLink}), with ids percent-encoded. */
final class Links {
  private Links() {}

  static String segment(String id) {
    return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
