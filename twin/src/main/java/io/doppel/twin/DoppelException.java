package io.doppel.twin;

import java.util.List;

/**
 * An expected failure with a stable {@link ErrorCode}: what the client did wrong, or why the store refused.
 * {@code details} name each offending path or field (e.g. {@code /temperature}, {@code contents[2].schema}).
 */
public final class DoppelException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final transient List<Detail> details;

  public DoppelException(ErrorCode code, String message) {
    this(code, message, List.of());
  }

  public DoppelException(ErrorCode code, String message, List<Detail> details) {
    super(message);
    this.code = code;
    this.details = List.copyOf(details);
  }

  public ErrorCode code() {
    return code;
  }

  public List<Detail> details() {
    return details;
  }

  /** One offending item: a sub-code (e.g. a DTDL validation id), the path or field, and what is wrong with it. */
  public record Detail(String code, String target, String message) {}
}
