package io.doppel.query.syntax;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Splits query text into tokens, tracking line and column; strings take single or double quotes, and a name may be
 * escaped as {@code [[name]]} (ADT's way to use a reserved word, or a map key starting with a digit, as a name).
 */
final class Lexer {
  private final String text;
  private int offset;
  private int line = 1;
  private int lineStart;

  private Lexer(String text) {
    this.text = text;
  }

  static List<Token> tokenize(String text) {
    Lexer lexer = new Lexer(text);
    List<Token> tokens = new ArrayList<>();
    Token token;
    do {
      token = lexer.next();
      tokens.add(token);
    } while (token.kind() != TokenKind.EOF);
    return tokens;
  }

  private Position here() {
    return new Position(offset, line, offset - lineStart + 1);
  }

  private Token next() {
    skipSpaceAndComments();
    Position pos = here();
    if (offset >= text.length()) {
      return new Token(TokenKind.EOF, "", pos);
    }
    char c = text.charAt(offset);
    if (Character.isLetter(c) || c == '_' || c == '$') {
      int start = offset;
      offset++;
      while (offset < text.length() && isNamePart(text.charAt(offset))) {
        offset++;
      }
      return new Token(TokenKind.IDENT, text.substring(start, offset), pos);
    }
    if (isDigit(c)) {
      return number(pos);
    }
    if (c == '[') {
      Token escaped = escapedName(pos);
      if (escaped != null) {
        return escaped;
      }
    }
    if (c == '\'' || c == '"') {
      return string(pos, c);
    }
    offset++;
    return switch (c) {
      case '(' -> new Token(TokenKind.LPAREN, "(", pos);
      case ')' -> new Token(TokenKind.RPAREN, ")", pos);
      case '[' -> new Token(TokenKind.LBRACKET, "[", pos);
      case ']' -> new Token(TokenKind.RBRACKET, "]", pos);
      case ',' -> new Token(TokenKind.COMMA, ",", pos);
      case '*' -> new Token(TokenKind.STAR, "*", pos);
      case ':' -> new Token(TokenKind.COLON, ":", pos);
      case '|' -> new Token(TokenKind.PIPE, "|", pos);
      case '-' -> new Token(TokenKind.MINUS, "-", pos);
      case '=' -> new Token(TokenKind.EQ, "=", pos);
      case '.' -> take('.') ? new Token(TokenKind.DOTDOT, "..", pos) : new Token(TokenKind.DOT, ".", pos);
      case '!' -> {
        if (!take('=')) {
          throw QueryErrors.invalid("syntaxError", pos, "expected '!=', found '!'");
        }
        yield new Token(TokenKind.NEQ, "!=", pos);
      }
      case '<' -> take('=') ? new Token(TokenKind.LE, "<=", pos)
          : take('>') ? new Token(TokenKind.NEQ, "<>", pos) : new Token(TokenKind.LT, "<", pos);
      case '>' -> take('=') ? new Token(TokenKind.GE, ">=", pos) : new Token(TokenKind.GT, ">", pos);
      default -> throw QueryErrors.invalid("syntaxError", pos,
          "unexpected character '" + printable(c) + "'");
    };
  }

  private static String printable(char c) {
    return c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c);
  }

  private boolean take(char expected) {
    if (offset < text.length() && text.charAt(offset) == expected) {
      offset++;
      return true;
    }
    return false;
  }

  private static boolean isNamePart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }

  /**
   * {@code [[name]]} as one escaped name, or null when the brackets do not enclose a name (then they are two list
   * brackets, as in a nested list). A name here is anything up to {@code ]]} but spaces, brackets, quotes, commas,
   * dots and parentheses, so {@code [['a']]} or {@code [[1, 2]]} stay lists.
   */
  private @Nullable Token escapedName(Position pos) {
    if (offset + 1 >= text.length() || text.charAt(offset + 1) != '[') {
      return null;
    }
    int start = offset + 2;
    int end = start;
    while (end < text.length() && !endsEscapedName(text.charAt(end))) {
      end++;
    }
    if (end == start || !text.startsWith("]]", end)) {
      return null;
    }
    offset = end + 2;
    return new Token(TokenKind.IDENT, text.substring(start, end), pos, true);
  }

  private static boolean endsEscapedName(char c) {
    return Character.isWhitespace(c) || "[]'\",.()".indexOf(c) >= 0;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private Token number(Position pos) {
    int start = offset;
    while (offset < text.length() && isDigit(text.charAt(offset))) {
      offset++;
    }
    // "2..5" is a hop range: a '.' is a decimal point only when a digit follows it
    if (offset + 1 < text.length() && text.charAt(offset) == '.' && isDigit(text.charAt(offset + 1))) {
      offset++;
      while (offset < text.length() && isDigit(text.charAt(offset))) {
        offset++;
      }
    }
    if (offset < text.length() && (text.charAt(offset) == 'e' || text.charAt(offset) == 'E')) {
      int mark = offset;
      offset++;
      if (offset < text.length() && (text.charAt(offset) == '+' || text.charAt(offset) == '-')) {
        offset++;
      }
      if (offset < text.length() && isDigit(text.charAt(offset))) {
        while (offset < text.length() && isDigit(text.charAt(offset))) {
          offset++;
        }
      } else {
        offset = mark;
      }
    }
    if (offset < text.length() && (Character.isLetter(text.charAt(offset)) || text.charAt(offset) == '_')) {
      int end = offset;
      while (end < text.length() && isNamePart(text.charAt(end))) {
        end++;
      }
      String word = text.substring(start, end);
      throw QueryErrors.invalid("syntaxError", pos, "expected a number, found '" + word
          + "'; a name that starts with a digit must be escaped: [[" + word + "]]");
    }
    return new Token(TokenKind.NUMBER, text.substring(start, offset), pos);
  }

  private Token string(Position pos, char quote) {
    offset++;
    StringBuilder value = new StringBuilder();
    while (true) {
      if (offset >= text.length()) {
        throw QueryErrors.invalid("syntaxError", pos, "unterminated string: expected " + quote + " before the end");
      }
      char c = text.charAt(offset++);
      if (c == quote) {
        return new Token(TokenKind.STRING, value.toString(), pos);
      }
      if (c == '\n') {
        newLine();
      }
      if (c != '\\') {
        value.append(c);
        continue;
      }
      if (offset >= text.length()) {
        throw QueryErrors.invalid("syntaxError", pos, "unterminated string: expected " + quote + " before the end");
      }
      char e = text.charAt(offset++);
      switch (e) {
        case '\\', '\'', '"', '/' -> value.append(e);
        case 'n' -> value.append('\n');
        case 't' -> value.append('\t');
        case 'r' -> value.append('\r');
        case 'b' -> value.append('\b');
        case 'f' -> value.append('\f');
        case 'u' -> value.append(unicodeEscape(pos));
        default -> throw QueryErrors.invalid("syntaxError", pos, "unknown escape '\\" + printable(e) + "' in string");
      }
    }
  }

  private char unicodeEscape(Position pos) {
    if (offset + 4 > text.length()) {
      throw QueryErrors.invalid("syntaxError", pos, "expected 4 hex digits after \\u");
    }
    int code = 0;
    for (int i = 0; i < 4; i++) {
      int digit = Character.digit(text.charAt(offset++), 16);
      if (digit < 0) {
        throw QueryErrors.invalid("syntaxError", pos, "expected 4 hex digits after \\u");
      }
      code = code * 16 + digit;
    }
    return (char) code;
  }

  private void newLine() {
    line++;
    lineStart = offset;
  }

  private void skipSpaceAndComments() {
    while (offset < text.length()) {
      char c = text.charAt(offset);
      if (c == '\n') {
        offset++;
        newLine();
      } else if (Character.isWhitespace(c)) {
        offset++;
      } else if (c == '-' && offset + 1 < text.length() && text.charAt(offset + 1) == '-') {
        // "--" starts a comment to the end of the line, as in ADT's own samples
        while (offset < text.length() && text.charAt(offset) != '\n') {
          offset++;
        }
      } else {
        return;
      }
    }
  }
}
