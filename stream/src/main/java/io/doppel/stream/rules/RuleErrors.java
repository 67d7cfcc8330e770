package io.doppel.stream.rules;

import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import java.util.List;

/** {@code RULE_INVALID} failures that name the offending field and, for expressions, the line and column. */
final class RuleErrors {
  private RuleErrors() {}

  /** A problem with a field of the rule's definition, e.g. {@code target}. */
  static DoppelException field(String field, String message) {
    return new DoppelException(ErrorCode.RULE_INVALID, field + ": " + message,
        List.of(new DoppelException.Detail(ErrorCode.RULE_INVALID.name(), field, message)));
  }

  /**
   * A problem at {@code offset} in the text of expression field {@code field}; {@code subCode} says what kind
   * ({@code SYNTAX}, {@code UNKNOWN_NAME}, {@code TYPE}).
   */
  static DoppelException at(String subCode, String field, String text, int offset, String message) {
    String where = lineColumn(text, offset);
    return new DoppelException(ErrorCode.RULE_INVALID, field + " at " + where + ": " + message,
        List.of(new DoppelException.Detail(subCode, field, where + ": " + message)));
  }

  /** {@code line:column}, both from 1, of {@code offset} in {@code text}. */
  static String lineColumn(String text, int offset) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < Math.min(offset, text.length()); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return line + ":" + column;
  }
}
