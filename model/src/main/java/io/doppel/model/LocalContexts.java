package io.doppel.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads the {@code @context} of a nested element: it may add extension contexts or switch the DTDL version of its
 * subtree (DTDL allows only versioned DTMIs there; local term definitions are refused).
 */
final class LocalContexts {
  private LocalContexts() {}

  /** The scope for an element given its parent's; null when its @context is unusable (reported). */
  static Validator.@Nullable Scope scopeOf(JsonNode item, String childId, Validator.Scope parentScope,
      boolean allowUndefined, Problems problems) {
    JsonNode context = item.get("@context");
    if (context == null) {
      return parentScope;
    }
    if (context.isNull()) {
      problems.add("invalidContextSpecifier", childId, "@context", null, childId + " has a null @context.");
      return null;
    }
    List<String> contexts = new ArrayList<>(parentScope.contexts());
    int version = parentScope.version();
    boolean affiliateSeen = false;
    boolean dtdlSeen = false;
    List<JsonNode> entries = Texts.items(context);
    for (JsonNode c : entries) {
      if (c.isObject()) {
        LocalTermChecks.check(c, c == entries.get(entries.size() - 1), problems);
        return null;
      }
      if (!c.isTextual() || !ContextRules.check(c.asText(), childId, allowUndefined, version, problems)) {
        if (!c.isTextual()) {
          problems.add("invalidContext", null, "@context", null, childId + " has an invalid local @context entry.");
        }
        return null;
      }
      String text = c.asText();
      boolean dtdl = text.startsWith(DocumentContext.DTDL_CONTEXT);
      if (dtdl && affiliateSeen && (parentScope.version() >= 3 || dtdlSeen)) {
        problems.add("dtdlContextFollowsAffiliate", null, "@context", text,
            "The DTDL context must come before extension contexts in @context.");
        return null;
      }
      affiliateSeen |= !dtdl;
      dtdlSeen |= dtdl;
      if (!dtdl) {
        contexts.add(text);
        continue;
      }
      String v = text.substring(DocumentContext.DTDL_CONTEXT.length());
      if (!v.matches("[234]")) {
        problems.add("unrecognizedContextVersion", null, "@context", text,
            "@context '" + text + "' names an unknown DTDL version.");
        return null;
      }
      if (Integer.parseInt(v) > parentScope.version()) {
        problems.add("unrecognizedContextVersion", null, "@context", text,
            "@context '" + text + "' names a DTDL version newer than the document's.");
      }
      version = Integer.parseInt(v);
      contexts = new ArrayList<>(List.of(text));
    }
    return new Validator.Scope(version, contexts, parentScope.partition());
  }
}
