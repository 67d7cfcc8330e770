package io.doppel.server;

import io.doppel.model.Dtmi;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import io.doppel.twin.Precondition;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;

/** Reading the ADT-style headers and query parameters shared by several routes. */
final class Requests {
  static final int DEFAULT_PAGE_SIZE = 100;
  static final int MAX_PAGE_SIZE = 1000;
  static final String CONTINUATION = "continuationToken";

  private Requests() {}

  static Precondition precondition(Context ctx) {
    String ifMatch = ctx.header("If-Match");
    String ifNoneMatch = ctx.header("If-None-Match");
    boolean noneMatchAny = false;
    if (ifNoneMatch != null) {
      if (!ifNoneMatch.trim().equals("*")) {
        throw invalid("If-None-Match", "only '*' is supported, got '" + ifNoneMatch + "'");
      }
      noneMatchAny = true;
    }
    return new Precondition(ifMatch == null || ifMatch.isBlank() ? null : ifMatch.trim(), noneMatchAny);
  }

  /** ADT takes the page size in the {@code max-items-per-page} header; the query parameter is a Doppel nicety. */
  static int pageSize(Context ctx) {
    String text = ctx.header("max-items-per-page");
    String target = "max-items-per-page";
    if (text == null) {
      text = ctx.queryParam("maxItemsPerPage");
      target = "maxItemsPerPage";
    }
    if (text == null) {
      return DEFAULT_PAGE_SIZE;
    }
    try {
      int size = Integer.parseInt(text.trim());
      if (size < 1 || size > MAX_PAGE_SIZE) {
        throw invalid(target, "must be between 1 and " + MAX_PAGE_SIZE + ", got " + size);
      }
      return size;
    } catch (NumberFormatException e) {
      throw invalid(target, "not an integer: '" + text + "'");
    }
  }

  static @Nullable String continuation(Context ctx) {
    String token = ctx.queryParam(CONTINUATION);
    return token == null || token.isEmpty() ? null : token;
  }

  static Dtmi dtmi(String text, String target) {
    if (!Dtmi.isValid(text)) {
      throw invalid(target, "not a valid DTMI: '" + text + "'");
    }
    return Dtmi.parse(text);
  }

  static boolean flag(Context ctx, String name) {
    String text = ctx.queryParam(name);
    if (text == null) {
      return false;
    }
    return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "true", "" -> true;
      case "false" -> false;
      default -> throw invalid(name, "expected true or false, got '" + text + "'");
    };
  }

  /**
   * The absolute URL of the next page: same path and filters plus the continuation token, as ADT's {@code nextLink}
   * (the Azure SDK follows it verbatim).
   */
  static @Nullable String nextLink(Context ctx, @Nullable String continuation, Map<String, String> keep) {
    if (continuation == null) {
      return null;
    }
    StringBuilder url = new StringBuilder(ctx.scheme()).append("://").append(ctx.host()).append(ctx.path());
    url.append('?').append(CONTINUATION).append('=').append(encode(continuation));
    // Parameters the next page needs again; ADT clients resend the max-items-per-page header themselves.
    for (String name : List.of("api-version", "maxItemsPerPage")) {
      String value = ctx.queryParam(name);
      if (value != null) {
        url.append('&').append(name).append('=').append(encode(value));
      }
    }
    keep.forEach((k, v) -> url.append('&').append(encode(k)).append('=').append(encode(v)));
    return url.toString();
  }

  /**
   * Waits for an engine write on the request's (virtual) thread; a refusal is re-thrown as the engine's own
   * {@link DoppelException}, so that it is mapped like a synchronous one.
   */
  static <T> T await(CompletableFuture<T> write) {
    try {
      return write.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  static DoppelException invalid(String target, String message) {
    return new DoppelException(ErrorCode.INVALID_ARGUMENT, target + ": " + message,
        List.of(new DoppelException.Detail(ErrorCode.INVALID_ARGUMENT.name(), target, message)));
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
