package io.doppel.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become HTTP responses, in ADT's shape:
 * {@code {"error":{"code","message","details":[{"code","message","target"}]}}}.
 */
final class ErrorMapping {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);
  static final String RENDERED = "doppel.error.rendered";

  private ErrorMapping() {}

  static int status(ErrorCode code) {
    return switch (code) {
      case INVALID_JSON, INVALID_ARGUMENT, MODEL_INVALID, VALIDATION_FAILED, PATCH_INVALID,
          RELATIONSHIP_TARGET_NOT_FOUND, MODEL_DECOMMISSIONED, QUERY_INVALID, QUERY_TOO_EXPENSIVE, RULE_INVALID,
          MAPPING_INVALID, CONNECTOR_INVALID -> 400;
      case MODEL_NOT_FOUND, TWIN_NOT_FOUND, COMPONENT_NOT_FOUND, RELATIONSHIP_NOT_FOUND, INDEX_NOT_FOUND,
          SERIES_NOT_FOUND, RULE_NOT_FOUND, MAPPING_NOT_FOUND, DEAD_LETTER_NOT_FOUND, CONNECTOR_NOT_FOUND,
          EVENT_ROUTE_NOT_FOUND, ROUTE_LETTER_NOT_FOUND, SCENARIO_NOT_FOUND, SCENARIO_RUN_NOT_FOUND,
          WARNING_NOT_FOUND -> 404;
      case MODEL_ALREADY_EXISTS, MODEL_IN_USE, TWIN_ALREADY_EXISTS, TWIN_HAS_RELATIONSHIPS,
          RELATIONSHIP_ALREADY_EXISTS -> 409;
      case CONTINUATION_FORBIDDEN -> 403;
      case PRECONDITION_FAILED -> 412;
      case PAYLOAD_TOO_LARGE -> 413;
      case SNAPSHOT_EXPIRED, CURSOR_EXPIRED, HISTORY_NOT_RETAINED -> 410;
      case STORAGE_FAILURE -> 503;
      case OVERLOADED -> 429;
      case INSUFFICIENT_STORAGE -> 507;
    };
  }

  static void render(DoppelException e, Context ctx) {
    write(ctx, status(e.code()), e.code().name(), e.getMessage(), e.details());
  }

  /** 401 tells the client how to authenticate; neither says more than what was missing. */
  static void render(io.doppel.server.auth.AuthFailure e, Context ctx) {
    if (e.kind() == io.doppel.server.auth.AuthFailure.Kind.UNAUTHORIZED) {
      ctx.header("WWW-Authenticate", "Bearer");
      String path = ctx.path();
      if (path.equals("/") || path.equals("/ui") || path.startsWith("/ui/") && !path.startsWith(UiRoutes.STATIC_PREFIX)) {
        // a browser opening a UI page: still 401, but its page sends the user to the login form
        ctx.attribute(RENDERED, Boolean.TRUE);
        ctx.status(401).contentType("text/html; charset=utf-8").result("<!doctype html><meta http-equiv=\"refresh\" "
            + "content=\"0; url=/ui/login\"><title>Sign in</title><a href=\"/ui/login\">Sign in</a>");
        return;
      }
    }
    if (e.kind() == io.doppel.server.auth.AuthFailure.Kind.AUTH_THROTTLED) {
      String seconds = Long.toString(e.retryAfterSeconds());
      ctx.header("Retry-After", seconds);
      write(ctx, 429, e.kind().name(), e.getMessage(), List.of(new DoppelException.Detail(e.kind().name(),
          "Retry-After", seconds)));
      return;
    }
    write(ctx, e.kind().status(), e.kind().name(), e.getMessage(), List.of());
  }

  static void render(ApiFailure e, Context ctx) {
    if (e.retryAfterSeconds() > 0) {
      ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
    }
    write(ctx, e.code().status(), e.code().name(), e.getMessage(), e.details());
  }

  /** Javalin's own failures: no route, wrong method, body over {@code maxRequestSize}. */
  static void render(HttpResponseException e, Context ctx) {
    int status = e.getStatus();
    switch (status) {
      case 404 -> write(ctx, 404, ApiFailure.Code.ROUTE_NOT_FOUND.name(),
          "no route for " + ctx.method() + " " + ctx.path(), List.of());
      case 405 -> write(ctx, 405, ApiFailure.Code.METHOD_NOT_ALLOWED.name(),
          ctx.method() + " is not allowed on " + ctx.path(), List.of());
      case 413 -> write(ctx, 413, ErrorCode.PAYLOAD_TOO_LARGE.name(), "request body too large",
          List.of(new DoppelException.Detail(ErrorCode.PAYLOAD_TOO_LARGE.name(), "body", e.getMessage())));
      case 415 -> write(ctx, 415, ApiFailure.Code.UNSUPPORTED_MEDIA_TYPE.name(), e.getMessage(), List.of());
      default -> {
        if (status >= 500) {
          unexpected(e, ctx);
        } else {
          write(ctx, status, ErrorCode.INVALID_ARGUMENT.name(), e.getMessage(), List.of());
        }
      }
    }
  }

  /** The code for a status the HTTP layer (Javalin or Jetty itself) answers with, when no handler chose one. */
  static String httpLayerCode(int status) {
    return switch (status) {
      case 404 -> ApiFailure.Code.ROUTE_NOT_FOUND.name();
      case 405 -> ApiFailure.Code.METHOD_NOT_ALLOWED.name();
      case 413 -> ErrorCode.PAYLOAD_TOO_LARGE.name();
      case 415 -> ApiFailure.Code.UNSUPPORTED_MEDIA_TYPE.name();
      default -> status >= 500 ? ApiFailure.Code.INTERNAL_ERROR.name() : ErrorCode.INVALID_ARGUMENT.name();
    };
  }

  /** A bug. Log it with a correlation id the client also sees, so the two can be matched. */
  static void unexpected(Exception e, Context ctx) {
    String correlationId = UUID.randomUUID().toString();
    LOG.error("unexpected failure on {} {} [correlationId={}]", ctx.method(), ctx.path(), correlationId, e);
    ctx.header("x-correlation-id", correlationId);
    write(ctx, 500, ApiFailure.Code.INTERNAL_ERROR.name(),
        "internal error; quote correlation id " + correlationId, List.of());
  }

  static void write(Context ctx, int status, String code, String message, List<DoppelException.Detail> details) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    ObjectNode error = root.putObject("error");
    error.put("code", code);
    error.put("message", message);
    ArrayNode array = error.putArray("details");
    for (DoppelException.Detail d : details) {
      array.addObject().put("code", d.code()).put("message", d.message()).put("target", d.target());
    }
    ctx.attribute(RENDERED, Boolean.TRUE);
    Json.respond(ctx, status, root);
  }
}
