package io.doppel.model;

import java.util.OptionalInt;

/**
 * A Digital Twin Model Identifier, e.g. {@code dtmi:com:example:Room;1}.
 *
 * <p>Holds a syntactically valid DTMI (DTDL v2/v3 rules: segments of letters, digits and underscores that do not
 * start with a digit or end with an underscore; an optional version of 1..9 digits, with an optional minor version
 * in v3). Use {@link #parse(String)} for untrusted input.
 */
public record Dtmi(String value) implements Comparable<Dtmi> {
  /** What {@link DtmiSyntax#isDtmi} accepts, as a regex (kept for the tests that check the two agree). */
  static final String SYNTAX =
      "^dtmi:(?:_+[A-Za-z0-9]|[A-Za-z])(?:[A-Za-z0-9_]*[A-Za-z0-9])?(?::(?:_+[A-Za-z0-9]|[A-Za-z])(?:[A-Za-z0-9_]*[A-Za-z0-9])?)*(?:;[1-9][0-9]{0,8}(?:\\.[1-9][0-9]{0,5})?)?$";

  public Dtmi {
    if (!isValid(value)) {
      throw new IllegalArgumentException("not a valid DTMI: '" + value + "'");
    }
  }

  public static boolean isValid(String text) {
    return text != null && text.length() <= 4096 && DtmiSyntax.isDtmi(text);
  }

  /** Parses untrusted text; throws {@link IllegalArgumentException} naming the text when it is not a DTMI. */
  public static Dtmi parse(String text) {
    return new Dtmi(text);
  }

  /** The part before {@code ;}, e.g. {@code dtmi:com:example:Room}. */
  public String versionless() {
    int semi = value.indexOf(';');
    return semi < 0 ? value : value.substring(0, semi);
  }

  /** The major version, if the DTMI has one. */
  public OptionalInt majorVersion() {
    int semi = value.indexOf(';');
    if (semi < 0) {
      return OptionalInt.empty();
    }
    int dot = value.indexOf('.', semi);
    return OptionalInt.of(Integer.parseInt(value.substring(semi + 1, dot < 0 ? value.length() : dot)));
  }

  @Override
  public int compareTo(Dtmi other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
