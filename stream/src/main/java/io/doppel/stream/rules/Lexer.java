package io.doppel.stream.rules;

import java.util.ArrayList;
import java.util.List;

/** Splits an expression into tokens; strings are single- or double-quoted, with backslash escapes. */
final class Lexer {
  private static final java.util.Set<String> TWO_CHAR = java.util.Set.of("<=", ">=", "==", "!=", "<>");

  private final String field;
  private final String text;
  private int i;

  private Lexer(String field, String text) {
    this.field = field;
    this.text = text;
  }

  static List<Token> tokens(String field, String text) {
    return new Lexer(field, text).all();
  }

  private List<Token> all() {
    List<Token> out = new ArrayList<>();
    while (true) {
      while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      if (i >= text.length()) {
        out.add(new Token(Token.Kind.END, "", text.length()));
        return out;
      }
      out.add(next());
    }
  }

  private Token next() {
    int start = i;
    char c = text.charAt(i);
    if (Character.isDigit(c) || (c == '.' && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1)))) {
      return number(start);
    }
    if (Character.isLetter(c) || c == '_' || c == '$') {
      while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_'
          || text.charAt(i) == '$')) {
        i++;
      }
      return new Token(Token.Kind.IDENT, text.substring(start, i), start);
    }
    if (c == '\'' || c == '"') {
      return string(start, c);
    }
    if (i + 1 < text.length() && TWO_CHAR.contains(text.substring(i, i + 2))) {
      i += 2;
      return new Token(Token.Kind.SYMBOL, text.substring(start, i), start);
    }
    if ("()+-*/%<>=.,!".indexOf(c) >= 0) {
      i++;
      return new Token(Token.Kind.SYMBOL, String.valueOf(c), start);
    }
    throw RuleErrors.at("SYNTAX", field, text, start, "unexpected character '" + c + "'");
  }

  private Token number(int start) {
    while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
      i++;
    }
    if (i < text.length() && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
      int mark = i;
      i++;
      if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
        i++;
      }
      if (i >= text.length() || !Character.isDigit(text.charAt(i))) {
        throw RuleErrors.at("SYNTAX", field, text, mark, "an exponent needs digits");
      }
      while (i < text.length() && Character.isDigit(text.charAt(i))) {
        i++;
      }
    }
    String literal = text.substring(start, i);
    try {
      double value = Double.parseDouble(literal);
      if (Double.isInfinite(value)) {
        throw RuleErrors.at("SYNTAX", field, text, start, "number out of range: " + literal);
      }
    } catch (NumberFormatException e) {
      throw RuleErrors.at("SYNTAX", field, text, start, "not a number: '" + literal + "'");
    }
    if (i < text.length() && (Character.isLetter(text.charAt(i)) || text.charAt(i) == '_')) {
      throw RuleErrors.at("SYNTAX", field, text, i, "a number runs into a name: put an operator between them");
    }
    return new Token(Token.Kind.NUMBER, literal, start);
  }

  private Token string(int start, char quote) {
    StringBuilder value = new StringBuilder();
    i++;
    while (i < text.length()) {
      char c = text.charAt(i++);
      if (c == quote) {
        return new Token(Token.Kind.STRING, value.toString(), start);
      }
      if (c == '\\') {
        if (i >= text.length()) {
          break;
        }
        char e = text.charAt(i++);
        switch (e) {
          case 'n' -> value.append('\n');
          case 't' -> value.append('\t');
          case '\\', '\'', '"' -> value.append(e);
          default -> throw RuleErrors.at("SYNTAX", field, text, i - 2, "unknown escape '\\" + e + "'");
        }
      } else {
        value.append(c);
      }
    }
    throw RuleErrors.at("SYNTAX", field, text, start, "string not closed: add " + quote);
  }
}
