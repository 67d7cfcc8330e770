package io.doppel.query.syntax;

/**
 * One token; {@code text} is the source text except for strings, where it is the unescaped value, and for names
 * escaped as {@code [[name]]}, where it is the name inside the brackets. An escaped name is never a keyword.
 */
record Token(TokenKind kind, String text, Position pos, boolean escaped) {
  Token(TokenKind kind, String text, Position pos) {
    this(kind, text, pos, false);
  }

  boolean isKeyword(String keyword) {
    return kind == TokenKind.IDENT && !escaped && text.equalsIgnoreCase(keyword);
  }

  /** How an error message shows the token: quoted source text, or the end of the query. */
  String shown() {
    return switch (kind) {
      case EOF -> "the end of the query";
      case STRING -> "string '" + abbreviate(text) + "'";
      default -> "'" + (escaped ? "[[" + abbreviate(text) + "]]" : abbreviate(text)) + "'";
    };
  }

  private static String abbreviate(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "..." : text;
  }
}
