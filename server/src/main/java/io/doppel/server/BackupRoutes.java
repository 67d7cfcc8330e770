package io.doppel.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.server.backup.BackupFailure;
import io.doppel.server.backup.Backups;
import io.javalin.http.Context;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /admin/backup}: a consistent checkpoint of every store the server has open, written while writes go
 * on, into a directory on the server's machine (docs/operations.md#backup-and-restore). Synchronous: a checkpoint is
 * a memtable flush and hard links per store, so it takes about as long as a flush.
 */
final class BackupRoutes {
  private final Backups backups;
  private final long maxBody;

  BackupRoutes(Backups backups, long maxBody) {
    this.backups = backups;
    this.maxBody = maxBody;
  }

  void addTo(RouteTable table) {
    table.post("/admin/backup", this::backup);
  }

  private void backup(Context ctx) {
    io.doppel.server.auth.AccessGuard.requirePlatformAdmin(ctx, "back up the platform's data");
    String target = target(ctx);
    Backups.Result result;
    long started = System.nanoTime();
    try {
      result = backups.backup(target);
    } catch (BackupFailure e) {
      ErrorMapping.write(ctx, e.code().status(), e.code().name(), e.getMessage(), List.of());
      return;
    }
    ObjectNode body = Json.MAPPER.createObjectNode().put("target", result.target().toString());
    body.setAll(result.manifest().toJson());
    body.put("bytes", result.manifest().totalBytes());
    body.put("tookMillis", (System.nanoTime() - started) / 1_000_000); // what an operator schedules around
    Json.respond(ctx, 201, body);
  }

  /** The body is optional; when there, only {@code target} (a string) is allowed: a typo must not be ignored. */
  private @Nullable String target(Context ctx) {
    if (ctx.contentLength() == 0) {
      return null;
    }
    ObjectNode body = Json.readObject(ctx, maxBody);
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!name.equals("target")) {
        throw Requests.invalid(name, "unknown field (the body takes only \"target\")");
      }
    }
    JsonNode target = body.get("target");
    if (target == null || target.isNull()) {
      return null;
    }
    if (!target.isTextual() || target.asText().isBlank()) {
      throw Requests.invalid("target", "must be a non-empty string: a directory on the server");
    }
    return target.asText();
  }
}
