package io.doppel.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own refusals, for requests it turns away before Javalin sees them (a path with {@code %00}, a malformed
 * request line, headers over the limit), in the API's error shape instead of Jetty's HTML page, so a client reads
 * every 4xx the same way. The code comes from {@link ErrorMapping}, the one place statuses and codes meet.
 */
final class JettyErrors extends ErrorHandler {
  @Override
  protected void generateResponse(Request request, Response response, int status, String message, Throwable cause,
      Callback callback) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, ByteBuffer.wrap(body(status, message)), callback);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, "application/json");
    return ByteBuffer.wrap(body(status, reason));
  }

  static byte[] body(int status, String message) {
    String code = ErrorMapping.httpLayerCode(status);
    ObjectNode root = Json.MAPPER.createObjectNode();
    ObjectNode error = root.putObject("error");
    error.put("code", code);
    error.put("message", "request refused by the HTTP layer: " + (message == null || message.isBlank()
        ? "status " + status : message));
    error.putArray("details");
    try {
      return Json.MAPPER.writeValueAsBytes(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("an ObjectNode always writes", e);
    }
  }
}
