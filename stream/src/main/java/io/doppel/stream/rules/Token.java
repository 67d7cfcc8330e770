package io.doppel.stream.rules;

/** One lexical token of an expression and the offset where it starts. */
record Token(Kind kind, String text, int pos) {
  enum Kind { NUMBER, STRING, IDENT, SYMBOL, END }

  boolean is(Kind k, String t) {
    return kind == k && text.equals(t);
  }

  boolean symbol(String t) {
    return is(Kind.SYMBOL, t);
  }

  /** Keywords are identifiers matched without regard to case: {@code AND}, {@code and}. */
  boolean keyword(String word) {
    return kind == Kind.IDENT && text.equalsIgnoreCase(word);
  }

  String describe() {
    return switch (kind) {
      case END -> "the end of the expression";
      case STRING -> "string '" + text + "'";
      default -> "'" + text + "'";
    };
  }
}
