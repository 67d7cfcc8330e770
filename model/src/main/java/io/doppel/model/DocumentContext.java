package io.doppel.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code @context} of a document: the DTDL version it declares and the extension contexts it imports.
 *
 * @param version 2, 3 or 4
 * @param extensions the extension context DTMIs after the DTDL context, in order
 * @param limits the v4 limits profile in force: "" for the core limits, or e.g. {@code aio_1}
 */
record DocumentContext(int version, List<String> extensions, String limits) {
  static final String DTDL_CONTEXT = "dtmi:dtdl:context;";

  /** The DTDL major version a {@code @context} names (3 when it names none), without diagnosing anything. */
  static int versionOf(@Nullable JsonNode context) {
    for (JsonNode entry : Texts.items(context)) {
      String text = entry.asText("");
      if (text.startsWith(DTDL_CONTEXT) && text.length() > DTDL_CONTEXT.length()) {
        char digit = text.charAt(DTDL_CONTEXT.length());
        if (digit >= '2' && digit <= '4') {
          return digit - '0';
        }
      }
    }
    return 3;
  }

  DocumentContext {
    extensions = List.copyOf(extensions);
  }

  boolean imports(String extensionPrefix) {
    return extensions.stream().anyMatch(e -> e.startsWith(extensionPrefix));
  }

  /** Reads a context, reporting what is wrong with it; null when no DTDL version can be determined. */
  static @Nullable DocumentContext read(
      @Nullable JsonNode context, @Nullable String ownerId, ParseOptions options, Problems problems) {
    int maxVersion = options.maxDtdlVersion();
    if (context == null) {
      problems.add("missingContext", ownerId, "@context", null,
          "The top-level element has no @context; add \"@context\": \"dtmi:dtdl:context;3\".");
      return null;
    }
    int errorsBefore = problems.size();
    List<JsonNode> entries = Texts.items(context);
    if (entries.isEmpty()) {
      problems.add("emptyContext", null, "@context", null, "@context is empty; start it with dtmi:dtdl:context;3.");
      return null;
    }
    Integer version = null;
    List<String> extensions = new ArrayList<>();
    for (JsonNode entry : entries) {
      if (entry.isObject()) {
        LocalTermChecks.check(entry, entry == entries.get(entries.size() - 1), problems);
        continue;
      }
      if (!entry.isTextual()) {
        problems.add("invalidContext", null, "@context", null,
            "@context entry " + entry + " is not a string naming a context.");
        continue;
      }
      String text = entry.asText();
      if (text.startsWith(DTDL_CONTEXT)) {
        String v = text.substring(DTDL_CONTEXT.length());
        int hash = v.indexOf('#');
        if (hash >= 0) {
          if (!v.substring(0, hash).equals("4")) {
            problems.add("disallowedContextFragment", null, "@context", text,
                "@context '" + text + "' has a fragment, which only DTDL v4 allows.");
            continue;
          }
          String fragment = v.substring(hash + 1);
          if (!fragment.equals("limitless") && !fragment.equals("limits")) {
            problems.add("invalidContextFragment", null, "@context", text,
                "@context '" + text + "' has fragment '" + fragment + "'; only #limitless and #limits exist.");
            continue;
          }
          v = v.substring(0, hash);
        }
        if (v.equals("2") || v.equals("3") || v.equals("4")) {
          if (!extensions.stream().allMatch(MetaModel.get()::isAffiliateContext)) {
            problems.add("missingDtdlContext", ownerId, "@context", text,
                "The DTDL context must be the first entry of @context.");
          }
          int parsed = Integer.parseInt(v);
          if (parsed > maxVersion) {
            problems.add("disallowedContextVersion", ownerId, "@context", text,
                "DTDL version " + parsed + " is above the highest version allowed (" + maxVersion + ").");
          }
          version = parsed;
        } else {
          problems.add("invalidContextSpecifierForVersion", ownerId, "@context", text,
              "@context '" + text + "' names an unknown DTDL version; use dtmi:dtdl:context;2, ;3 or ;4.");
        }
      } else {
        extensions.add(text);
      }
    }
    if (version == null) {
      if (!extensions.isEmpty() || entries.isEmpty()) {
        problems.add("missingDtdlContext", ownerId, "@context", null,
            "@context does not name a DTDL version; start it with dtmi:dtdl:context;3.");
      }
      return null;
    }
    boolean allowUndefined = options.has(ParseOptions.Option.AllowUndefinedExtensions)
        || (MetaModel.get().allowsUndefinedExtensionsByDefault(version)
            && !options.has(ParseOptions.Option.DisallowUndefinedExtensions));
    boolean ok = true;
    for (String extension : extensions) {
      ok &= ContextRules.check(extension, ownerId, allowUndefined, version, problems);
    }
    String limits = "";
    if (ok && version == 4 && problems.size() == errorsBefore) {
      limits = LimitContexts.check(entries, problems);
    }
    return ok && problems.size() == errorsBefore ? new DocumentContext(version, extensions, limits) : null;
  }
}
