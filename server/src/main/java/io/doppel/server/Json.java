package io.doppel.server;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/** Request bodies in (content type, size, well-formedness) and JSON responses out. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private Json() {}

  static ObjectNode readObject(Context ctx, long maxBytes) {
    JsonNode node = read(ctx, maxBytes);
    if (node instanceof ObjectNode object) {
      return object;
    }
    throw new DoppelException(ErrorCode.INVALID_JSON, "the body must be a JSON object",
        List.of(new DoppelException.Detail(ErrorCode.INVALID_JSON.name(), "body", "found " + kind(node))));
  }

  /** A JSON Patch document (RFC 6902) is an array of operations. */
  static ArrayNode readArray(Context ctx, long maxBytes) {
    JsonNode node = read(ctx, maxBytes);
    if (node instanceof ArrayNode array) {
      return array;
    }
    throw new DoppelException(ErrorCode.INVALID_JSON, "the body must be a JSON array",
        List.of(new DoppelException.Detail(ErrorCode.INVALID_JSON.name(), "body", "found " + kind(node))));
  }

  static JsonNode read(Context ctx, long maxBytes) {
    String contentType = ctx.header("Content-Type");
    if (contentType != null && !isJson(contentType)) {
      throw new ApiFailure(ApiFailure.Code.UNSUPPORTED_MEDIA_TYPE,
          "expected application/json (or application/json-patch+json), got " + contentType);
    }
    long declared = ctx.contentLength();
    if (declared > maxBytes) {
      throw tooLarge(declared, maxBytes);
    }
    byte[] bytes = body(ctx, declared, maxBytes);
    if (bytes.length > maxBytes) {
      throw tooLarge(bytes.length, maxBytes);
    }
    if (bytes.length == 0) {
      throw new DoppelException(ErrorCode.INVALID_JSON, "the request body is empty",
          List.of(new DoppelException.Detail(ErrorCode.INVALID_JSON.name(), "body", "empty")));
    }
    try {
      JsonNode node = MAPPER.readTree(bytes);
      if (node == null || node.isMissingNode()) {
        throw new DoppelException(ErrorCode.INVALID_JSON, "the request body holds no JSON value");
      }
      return node;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "body" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new DoppelException(ErrorCode.INVALID_JSON, "malformed JSON: " + e.getOriginalMessage(),
          List.of(new DoppelException.Detail(ErrorCode.INVALID_JSON.name(), where, e.getOriginalMessage())));
    } catch (IOException e) {
      // the bytes are in memory, so this is their text, not I/O: Jackson guesses the encoding from the first bytes
      // (leading NULs read as UTF-32) and a unit that is no character is a CharConversionException
      throw new DoppelException(ErrorCode.INVALID_JSON, "malformed JSON: " + e.getMessage(),
          List.of(new DoppelException.Detail(ErrorCode.INVALID_JSON.name(), "body", String.valueOf(e.getMessage()))));
    }
  }

  /** The body's bytes as sent, whatever their type, refused past {@code maxBytes}. */
  static byte[] rawBody(Context ctx, long maxBytes) {
    long declared = ctx.contentLength();
    if (declared > maxBytes) {
      throw tooLarge(declared, maxBytes);
    }
    byte[] bytes = body(ctx, declared, maxBytes);
    if (bytes.length > maxBytes) {
      throw tooLarge(bytes.length, maxBytes);
    }
    return bytes;
  }

  /**
   * The body's bytes. With a declared length (already checked against the limit) they are read straight into one
   * array of that size: Javalin's {@code bodyAsBytes} copies through an 8 KiB buffer and a growing stream, which on
   * the PATCH path cost about as much as parsing the patch. Without one (chunked) at most one byte past the limit is
   * read, enough to refuse it: such a body is never held whole.
   */
  private static byte[] body(Context ctx, long declared, long maxBytes) {
    try {
      if (declared < 0) {
        return ctx.req().getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      }
      byte[] bytes = ctx.req().getInputStream().readNBytes((int) declared);
      if (bytes.length < declared) {
        throw new DoppelException(ErrorCode.INVALID_JSON, "the request body ended after " + bytes.length
            + " of the " + declared + " bytes its Content-Length announced",
            List.of(new DoppelException.Detail(ErrorCode.INVALID_JSON.name(), "body", "truncated")));
      }
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the request body", e);
    }
  }

  static void respond(Context ctx, int status, JsonNode body) {
    try {
      ctx.status(status).contentType("application/json; charset=utf-8").result(MAPPER.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JsonNode always serialises", e);
    }
  }

  private static boolean isJson(String contentType) {
    String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return mediaType.equals("application/json") || mediaType.endsWith("+json");
  }

  private static DoppelException tooLarge(long size, long max) {
    return new DoppelException(ErrorCode.PAYLOAD_TOO_LARGE, "request body of " + size + " bytes exceeds " + max,
        List.of(new DoppelException.Detail(ErrorCode.PAYLOAD_TOO_LARGE.name(), "body", "limit " + max + " bytes")));
  }

  private static String kind(JsonNode node) {
    return node.getNodeType().name().toLowerCase(Locale.ROOT);
  }
}
