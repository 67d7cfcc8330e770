package io.doppel.twin;

/**
 * Stable codes for every expected failure of the engine. Clients match on these; never rename one.
 * The HTTP status each maps to is decided in one place, in the server.
 */
public enum ErrorCode {
  /** The request body is not well-formed JSON, or not the JSON shape the operation takes. */
  INVALID_JSON,
  /** An argument (id, DTMI, query parameter, header) is malformed. */
  INVALID_ARGUMENT,
  /** A batch of DTDL models failed to parse, resolve or validate; details carry each parsing error. */
  MODEL_INVALID,
  /** A model with this id is already uploaded. */
  MODEL_ALREADY_EXISTS,
  MODEL_NOT_FOUND,
  /** The model is referenced by twins or by other models and cannot be deleted. */
  MODEL_IN_USE,
  /** The model is decommissioned: no new twins of it may be created. */
  MODEL_DECOMMISSIONED,
  TWIN_NOT_FOUND,
  TWIN_ALREADY_EXISTS,
  /** The twin still has relationships (outgoing or incoming) and cannot be deleted. */
  TWIN_HAS_RELATIONSHIPS,
  /** A twin, component or relationship does not conform to its model; details name each offending path. */
  VALIDATION_FAILED,
  COMPONENT_NOT_FOUND,
  RELATIONSHIP_NOT_FOUND,
  RELATIONSHIP_ALREADY_EXISTS,
  /** The relationship's target twin does not exist. */
  RELATIONSHIP_TARGET_NOT_FOUND,
  /** The JSON Patch document is malformed or one of its operations cannot be applied. */
  PATCH_INVALID,
  /** If-Match did not match the current ETag, or If-None-Match: * found an existing resource. */
  PRECONDITION_FAILED,
  /** The request or one of its values exceeds a documented limit. */
  PAYLOAD_TOO_LARGE,
  /** The store could not make the write durable; nothing was applied. */
  STORAGE_FAILURE,
  /** A query does not parse or does not make sense; details give a sub-code and the line:column of the problem. */
  QUERY_INVALID,
  /** A query would do more work than one page may (rows visited, relationships expanded, groups kept). */
  QUERY_TOO_EXPENSIVE,
  /** The snapshot was open longer than its maximum age and the engine closed it; open a new one. */
  SNAPSHOT_EXPIRED,
  /** No property index on the given path. */
  INDEX_NOT_FOUND,
  /** The twin has no history under that name, and its model declares no such property or telemetry. */
  SERIES_NOT_FOUND,
  /** A change-stream cursor is older than the retained events: resuming from it would silently skip changes. */
  CURSOR_EXPIRED,
  /** A rule does not parse, names what its model does not declare, or would feed back into itself. */
  RULE_INVALID,
  RULE_NOT_FOUND,
  /** A mapping definition does not parse, uses an unknown unit, or does not fit its declared model. */
  MAPPING_INVALID,
  MAPPING_NOT_FOUND,
  DEAD_LETTER_NOT_FOUND,
  /** A connector configuration is incomplete or malformed; details name the field. */
  CONNECTOR_INVALID,
  CONNECTOR_NOT_FOUND,
  /** The time asked for lies before the change history's retained start: the graph then is no longer known. */
  HISTORY_NOT_RETAINED,
  /** No event route with that id. */
  EVENT_ROUTE_NOT_FOUND,
  /** The event route has no parked letter with that version. */
  ROUTE_LETTER_NOT_FOUND,
  SCENARIO_NOT_FOUND,
  SCENARIO_RUN_NOT_FOUND,
  /**
   * More writes are waiting to become durable than the server takes in (its pending write limit): nothing was done;
   * send it again after the response's {@code Retry-After} seconds.
   */
  OVERLOADED,
  /**
   * The data directory's disk is below its free-space reserve, or full: the write was not stored. Reads keep working
   * and writes resume by themselves once space returns.
   */
  INSUFFICIENT_STORAGE,
  /** No time-to-threshold warning definition with that name. */
  WARNING_NOT_FOUND,
  /**
   * A query continuation token presented by another caller, or in another tenant, than the one it was issued to:
   * its later pages would show the first caller's view of the graph.
   */
  CONTINUATION_FORBIDDEN;

  /** Whether the failure is the store's (not the request's): the caller may retry, a connector must not ack. */
  public boolean isStorage() {
    return this == STORAGE_FAILURE || this == INSUFFICIENT_STORAGE;
  }
}
