package io.doppel.query.syntax;

import java.util.Locale;
import java.util.Set;

/**
 * The words Azure Digital Twins reserves: none may name a property, collection, column or relationship unless
 * escaped as {@code [[word]]}. The function names among them stay functions when a '(' follows them.
 */
final class ReservedWords {
  static final Set<String> ALL = Set.of("ALL", "AND", "AS", "ASC", "AVG", "BY", "COUNT", "DESC", "DEVICES_JOBS",
      "DEVICES_MODULES", "DEVICES", "ENDS_WITH", "FALSE", "FROM", "GROUP", "IN", "IS_BOOL", "IS_DEFINED", "IS_NULL",
      "IS_NUMBER", "IS_OBJECT", "IS_PRIMITIVE", "IS_STRING", "MAX", "MIN", "NOT", "NOT_IN", "NULL", "OR", "ORDER",
      "SELECT", "STARTS_WITH", "SUM", "TOP", "TRUE", "WHERE", "IS_OF_MODEL");

  private ReservedWords() {}

  static boolean isReserved(Token t) {
    return t.kind() == TokenKind.IDENT && !t.escaped() && ALL.contains(t.text().toUpperCase(Locale.ROOT));
  }

  /** Refuses {@code t} as a name when it is an unescaped reserved word; returns its text otherwise. */
  static String checkName(Token t) {
    if (isReserved(t)) {
      throw QueryErrors.invalid("reservedWord", t.pos(), "'" + t.text() + "' is a reserved word and cannot be used as "
          + "a name; escape it as [[" + t.text() + "]]");
    }
    return t.text();
  }
}
