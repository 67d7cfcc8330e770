package io.doppel.twin;

import java.util.List;

/**
 * Twin and relationship id rules: non-empty, at most {@value #MAX_LENGTH} characters, no control characters.
 * (ADT allows any such string; Doppel documents 1024 as its limit so keys stay small.)
 */
final class Ids {
  static final int MAX_LENGTH = 1024;

  private Ids() {}

  static String check(String what, String id) {
    String problem = null;
    if (id.isEmpty()) {
      problem = "must not be empty";
    } else if (id.length() > MAX_LENGTH) {
      problem = "is " + id.length() + " characters; the limit is " + MAX_LENGTH;
    } else {
      for (int i = 0; i < id.length(); i++) {
        if (Character.isISOControl(id.charAt(i))) {
          problem = "contains a control character at position " + i;
          break;
        }
      }
    }
    if (problem != null) {
      throw new DoppelException(ErrorCode.INVALID_ARGUMENT, what + " " + problem,
          List.of(new DoppelException.Detail("invalidId", what, problem)));
    }
    return id;
  }
}
