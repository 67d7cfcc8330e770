package io.doppel.model;

import java.util.Set;

/** The JSON members the DTDL core language defines on elements (everything else is supplemental). */
final class ContentKeys {
  private static final Set<String> CORE = Set.of("schema", "writable", "request", "response", "commandType",
      "target", "minMultiplicity", "maxMultiplicity", "properties", "contents", "extends", "schemas", "fields",
      "enumValues", "enumValue", "valueSchema", "mapKey", "mapValue", "elementSchema", "nullable");

  private ContentKeys() {}

  static boolean isCore(String key) {
    return CORE.contains(key);
  }
}
