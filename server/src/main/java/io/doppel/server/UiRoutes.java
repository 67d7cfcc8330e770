package io.doppel.server;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The web UI: plain ES modules and their vendored libraries, served from the jar. Files live under
 * {@code /ui/static/...}; {@code /} and every other {@code /ui/...} path answer {@code index.html}, whose router
 * draws the page for that path (so a link such as {@code /ui/twins/room-1} can be bookmarked and reloaded).
 *
 * <p>These routes are registered on Javalin directly, not in the {@link RouteTable}: they are not part of the API
 * that {@code /openapi.json} documents, and nothing in them reads or writes data. The UI itself reaches the data only
 * through the public HTTP API.
 */
final class UiRoutes {
  static final String STATIC_PREFIX = "/ui/static/";
  private static final String RESOURCE_ROOT = "io/doppel/server/ui/";
  /** Points at the source folder during UI work, so that an edit shows on reload without rebuilding the jar. */
  static final String DEV_DIR_PROPERTY = "doppel.ui.dir";
  private static final Map<String, String> CONTENT_TYPES = Map.of(
      "html", "text/html; charset=utf-8",
      "js", "text/javascript; charset=utf-8",
      "mjs", "text/javascript; charset=utf-8",
      "css", "text/css; charset=utf-8",
      "json", "application/json",
      "svg", "image/svg+xml",
      "png", "image/png",
      "ico", "image/x-icon");

  /** One file's bytes with its strong validator, computed once. */
  private record Asset(byte[] bytes, String etag, String contentType) {}

  private final Map<String, Optional<Asset>> cache = new ConcurrentHashMap<>();
  private final @Nullable Path devDir;

  UiRoutes() {
    String dir = System.getProperty(DEV_DIR_PROPERTY);
    this.devDir = dir == null || dir.isBlank() ? null : Path.of(dir);
  }

  void addTo(RoutesConfig routes) {
    routes.get("/", this::page);
    routes.get("/ui", this::page);
    routes.get("/ui/<path>", this::uiPath);
  }

  private void uiPath(Context ctx) {
    String path = ctx.pathParam("path");
    if (ctx.path().startsWith(STATIC_PREFIX)) {
      serve(ctx, path.substring("static/".length()));
    } else {
      page(ctx);
    }
  }

  /** A client-side route: the router in {@code app.js} decides what the path shows, unknown pages included. */
  private void page(Context ctx) {
    serve(ctx, ctx.path().equals("/ui/login") ? "login.html" : "index.html");
  }

  private void serve(Context ctx, String file) {
    ctx.attribute(RouteTable.ROUTE_ATTRIBUTE, "/ui"); // one metrics series for all of the UI's files
    Asset asset = find(file).orElseThrow(() -> new ApiFailure(ApiFailure.Code.ROUTE_NOT_FOUND,
        "no UI file '" + file + "'"));
    // no-cache = revalidate every time: file names carry no version, and a 304 costs one small round trip.
    ctx.header("Cache-Control", "no-cache");
    ctx.header("ETag", asset.etag());
    ctx.header("X-Content-Type-Options", "nosniff");
    String ifNoneMatch = ctx.header("If-None-Match");
    if (ifNoneMatch != null && (ifNoneMatch.equals(asset.etag()) || ifNoneMatch.equals("W/" + asset.etag()))) {
      ctx.status(304);
      return;
    }
    ctx.contentType(asset.contentType());
    ctx.result(asset.bytes());
  }

  private Optional<Asset> find(String file) {
    if (!isSafe(file)) {
      return Optional.empty();
    }
    if (devDir != null) {
      return read(file); // no cache: the point is to see edits
    }
    return cache.computeIfAbsent(file, this::read);
  }

  /** Relative, no parent or empty segments, no backslashes: nothing outside the UI folder can be named. */
  private static boolean isSafe(String file) {
    if (file.isEmpty() || file.startsWith("/") || file.contains("\\") || file.contains("//")) {
      return false;
    }
    for (String segment : file.split("/")) {
      if (segment.equals("..") || segment.equals(".")) {
        return false;
      }
    }
    return true;
  }

  private Optional<Asset> read(String file) {
    byte[] bytes;
    try {
      if (devDir != null) {
        Path path = devDir.resolve(file);
        if (!Files.isRegularFile(path)) {
          return Optional.empty();
        }
        bytes = Files.readAllBytes(path);
      } else {
        try (InputStream in = UiRoutes.class.getClassLoader().getResourceAsStream(RESOURCE_ROOT + file)) {
          if (in == null) {
            return Optional.empty();
          }
          bytes = in.readAllBytes();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the UI file " + file, e);
    }
    return Optional.of(new Asset(bytes, etag(bytes), contentType(file)));
  }

  private static String contentType(String file) {
    int dot = file.lastIndexOf('.');
    String extension = dot < 0 ? "" : file.substring(dot + 1).toLowerCase(Locale.ROOT);
    return CONTENT_TYPES.getOrDefault(extension, "text/plain; charset=utf-8"); // LICENSE files
  }

  private static String etag(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }
}
