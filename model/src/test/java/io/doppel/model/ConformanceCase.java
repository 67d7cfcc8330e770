package io.doppel.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** One case of the DTDL conformance suite, and how to run it against {@link ModelParser}. */
record ConformanceCase(String folder, String file, int index, int version, JsonNode json) {

  String label() {
    return folder + "/" + file + "#" + index;
  }

  boolean expectValid() {
    return json.path("valid").asBoolean();
  }

  /** The expected ValidationID suffixes, or null when the case lists none. */
  Set<String> expectedCodes() {
    JsonNode errors = json.path("expect").get("parsingErrors");
    if (errors == null) {
      return null;
    }
    Set<String> codes = new TreeSet<>();
    errors.forEach(e -> codes.add(e.path("ValidationID").asText().replace(ParsingError.VALIDATION_ID_PREFIX, "")));
    return codes;
  }

  ParseOptions options() {
    Set<ParseOptions.Option> set = new HashSet<>();
    for (String field : List.of("options", "quirks")) {
      json.path(field).forEach(o -> set.add(ParseOptions.Option.valueOf(o.asText())));
    }
    return new ParseOptions(set, json.path("maxDtdlVersion").asInt(4));
  }

  List<String> documents() {
    List<String> docs = new ArrayList<>();
    json.path("input").forEach(d -> docs.add(d.isTextual() ? d.asText() : d.toString()));
    return docs;
  }

  /** A resolver answering from the case's {@code resolution}/{@code partialResolution} responses. */
  ModelResolver resolver() {
    Map<String, String> byId = new HashMap<>();
    for (String field : List.of("resolution", "partialResolution")) {
      json.path(field).forEach(exchange -> exchange.path("response").forEach(doc -> {
        if (doc.has("@id")) {
          byId.put(doc.get("@id").asText(), doc.toString());
        }
      }));
    }
    return id -> Optional.ofNullable(byId.get(id.value()));
  }
}
