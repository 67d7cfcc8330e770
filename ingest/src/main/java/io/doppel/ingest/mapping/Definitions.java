package io.doppel.ingest.mapping;

import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import java.util.List;

/** The one shape of a refused mapping definition: {@code MAPPING_INVALID} with the offending field as the target. */
final class Definitions {
  private Definitions() {}

  static DoppelException invalid(String field, String message) {
    return new DoppelException(ErrorCode.MAPPING_INVALID, field + ": " + message,
        List.of(new DoppelException.Detail(ErrorCode.MAPPING_INVALID.name(), field, message)));
  }
}
