package io.doppel.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The placement rules of DTDL v4's limits contexts. {@code dtmi:dtdl:context;4#limitless} lifts the core limits
 * and must be followed at once by the limits that apply instead: the core ones ({@code #limits}, or the plain
 * context), or a profile such as {@code dtmi:dtdl:limits:onvif;1}. A limits context anywhere else is misplaced.
 * Like DTDLParser, only the first misplacement is reported, and only in an otherwise valid {@code @context}.
 */
final class LimitContexts {
  private static final String LIMITLESS = "dtmi:dtdl:context;4#limitless";
  private static final String CORE_LIMITS = "dtmi:dtdl:context;4#limits";
  private static final String CORE = "dtmi:dtdl:context;4";

  private LimitContexts() {}

  /** Checks the placement and returns the limits profile in force: "" (core) or the profile's spec name. */
  static String check(List<JsonNode> entries, Problems problems) {
    String spec = "";
    boolean dtdlSeen = false;
    boolean expectLimits = false;
    for (JsonNode entry : entries) {
      if (!entry.isTextual()) {
        continue;
      }
      String text = entry.asText();
      boolean profile = MetaModel.get().isLimitContext(text);
      if (expectLimits) {
        expectLimits = false;
        if (text.equals(CORE_LIMITS) || text.equals(CORE) || profile) {
          spec = profile ? MetaModel.get().limitSpec(text) : "";
          continue;
        }
        missing(problems);
        return spec;
      }
      if (text.equals(LIMITLESS)) {
        expectLimits = true;
      } else if (text.equals(CORE_LIMITS) || (profile && dtdlSeen)) {
        problems.add("misplacedLimitContext", null, "@context", text,
            "@context '" + text + "' must follow " + LIMITLESS + " directly.");
        return spec;
      }
      dtdlSeen |= text.startsWith(DocumentContext.DTDL_CONTEXT);
    }
    if (expectLimits) {
      missing(problems);
    }
    return spec;
  }

  private static void missing(Problems problems) {
    problems.add("missingLimitContext", null, "@context", LIMITLESS,
        "@context '" + LIMITLESS + "' must be followed directly by the limits that apply instead.");
  }
}
