package io.doppel.query.syntax;

import java.util.List;

/** The token cursor both parsers share, with the nesting counter that keeps recursion bounded. */
final class TokenStream {
  private static final int MAX_NESTING = 64;

  private final List<Token> tokens;
  private int index;
  private int depth;

  TokenStream(List<Token> tokens) {
    this.tokens = tokens;
  }

  Token peek() {
    return tokens.get(index);
  }

  Token peekAt(int ahead) {
    return tokens.get(Math.min(index + ahead, tokens.size() - 1));
  }

  Token advance() {
    Token t = tokens.get(index);
    if (t.kind() != TokenKind.EOF) {
      index++;
    }
    return t;
  }

  boolean at(TokenKind kind) {
    return peek().kind() == kind;
  }

  boolean atKeyword(String keyword) {
    return peek().isKeyword(keyword);
  }

  boolean acceptKeyword(String keyword) {
    if (atKeyword(keyword)) {
      index++;
      return true;
    }
    return false;
  }

  boolean accept(TokenKind kind) {
    if (at(kind)) {
      advance();
      return true;
    }
    return false;
  }

  Token expect(TokenKind kind, String what) {
    if (!at(kind)) {
      throw QueryErrors.expected(what, peek());
    }
    return advance();
  }

  Token expectKeyword(String keyword) {
    if (!atKeyword(keyword)) {
      throw QueryErrors.expected(keyword, peek());
    }
    return advance();
  }

  /** A name (escaped or not); an unescaped reserved word is refused. */
  String name(String what) {
    return ReservedWords.checkName(expect(TokenKind.IDENT, what));
  }

  /** Enters one level of nesting; refuses input nested deeper than {@value #MAX_NESTING}. */
  void enter() {
    if (++depth > MAX_NESTING) {
      throw QueryErrors.invalid("tooDeep", peek().pos(), "expressions nest at most " + MAX_NESTING + " levels deep");
    }
  }

  void leave() {
    depth--;
  }
}
