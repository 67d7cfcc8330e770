package io.doppel.query.syntax;

import io.doppel.twin.DoppelException;
import io.doppel.twin.DoppelException.Detail;
import io.doppel.twin.ErrorCode;
import java.util.List;

/**
 * Builds the query errors every layer raises: {@code QUERY_INVALID} with a stable sub-code and the position, or
 * {@code QUERY_TOO_EXPENSIVE} naming the limit. Messages read "line 1, column 15: expected FROM, found 'WHERE'".
 */
public final class QueryErrors {
  private QueryErrors() {}

  public static DoppelException invalid(String code, Position pos, String message) {
    return new DoppelException(ErrorCode.QUERY_INVALID,
        "invalid query at line " + pos.line() + ", column " + pos.column() + ": " + message,
        List.of(new Detail(code, pos.toString(), message)));
  }

  static DoppelException expected(String what, Token found) {
    return invalid("syntaxError", found.pos(), "expected " + what + ", found " + found.shown());
  }

  public static DoppelException tooExpensive(String code, String limit, String message) {
    return new DoppelException(ErrorCode.QUERY_TOO_EXPENSIVE, "query too expensive: " + message,
        List.of(new Detail(code, limit, message)));
  }
}
