package io.doppel.model;

import java.util.regex.Pattern;

/** Checks one {@code @context} entry: a versioned DTMI naming a DTDL version, a known or tolerated extension. */
final class ContextRules {
  private static final Pattern VERSIONED = Pattern.compile("^dtmi:[A-Za-z][A-Za-z0-9_:]*;[1-9][0-9]{0,8}(?:\\.[1-9][0-9]{0,5})?$");

  private ContextRules() {}

  /** Reports what is wrong with the entry; true when it is usable. */
  static boolean check(String entry, String ownerId, boolean allowUndefined, int version, Problems problems) {
    if (entry.startsWith(DocumentContext.DTDL_CONTEXT)) {
      return true;
    }
    if (!entry.startsWith("dtmi:")) {
      problems.add("nonDtmiContextSpecifier", ownerId, "@context", entry,
          "@context entry '" + entry + "' is not a DTMI.");
      return false;
    }
    if (Dtmi.isValid(entry) && !entry.contains(";")) {
      problems.add("invalidContextSpecifierForVersion", null, "@context", entry,
          "@context entry '" + entry + "' is not valid for this DTDL version.");
      problems.add("missingContextVersion", null, "@context", entry,
          "@context entry '" + entry + "' has no version; add one, e.g. ';1'.");
      return false;
    }
    boolean versioned = VERSIONED.matcher(entry).matches() && Dtmi.isValid(entry);
    if (versioned && version == 2 && entry.indexOf('.', entry.indexOf(';')) > 0) {
      problems.add("invalidContextSpecifierForVersion", null, "@context", entry,
          "@context entry '" + entry + "' has a minor version, which DTDL v2 does not allow.");
      return false;
    }
    if (!versioned) {
      problems.add("invalidContextSpecifier", ownerId, "@context", entry,
          "@context entry '" + entry + "' is not a valid versioned DTMI.");
      return false;
    }
    if (!MetaModel.get().isKnownContext(entry) && !allowUndefined) {
      String base = entry.substring(0, entry.indexOf(';') + 1);
      boolean knownBase = MetaModel.get().knownContextStartingWith(base);
      problems.add(knownBase ? "unresolvableContextVersion" : "unresolvableContextSpecifier", ownerId, "@context", entry,
          "@context entry '" + entry + "' names an extension this parser does not know.");
      return false;
    }
    return true;
  }
}
