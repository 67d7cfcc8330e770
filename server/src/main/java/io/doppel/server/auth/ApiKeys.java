package io.doppel.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * API keys: {@code dpk_<id>_<secret>} with a 256-bit random secret. Only the key's SHA-256 is stored (under
 * {@code key/<id>}); the id lets a presented key be found without scanning, and the hash is compared in constant
 * time. A key is shown once, when created; a revoked key stays listed (with when) but no longer authenticates.
 */
public final class ApiKeys {
  static final String PREFIX = "key/";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SHAPE = Pattern.compile("dpk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})");
  private static final Pattern ROLE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  /** A stored key without its secret; keys stored before tenants existed belong to the default tenant. */
  public record KeyInfo(String id, String name, Set<String> roles, String tenant, Instant createdAt,
      @Nullable Instant revokedAt) {
    public ObjectNode toJson() {
      ObjectNode node = JSON.createObjectNode().put("id", id).put("name", name).put("tenant", tenant);
      roles.forEach(node.putArray("roles")::add);
      node.put("createdAt", createdAt.toString());
      if (revokedAt != null) {
        node.put("revokedAt", revokedAt.toString());
      }
      return node;
    }
  }

  /** A key just created: the only time its secret exists outside the caller. */
  public record Created(KeyInfo info, String key) {}

  private final AuthStore store;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public ApiKeys(AuthStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** A key of the default tenant. */
  public Created create(String name, Set<String> roles) {
    return create(name, roles, TenantName.DEFAULT);
  }

  public Created create(String name, Set<String> roles, String tenant) {
    TenantName.require(tenant, "tenant");
    if (name.isBlank() || name.length() > 200) {
      throw invalid("name", "a key needs a name of 1 to 200 characters (what or who uses it)");
    }
    for (String role : roles) {
      if (!ROLE.matcher(role).matches()) {
        throw invalid("roles", "role '" + role + "' must be 1-64 letters, digits or . _ : -");
      }
    }
    byte[] idBytes = new byte[8];
    byte[] secret = new byte[32];
    random.nextBytes(idBytes);
    random.nextBytes(secret);
    String id = HexFormat.of().formatHex(idBytes);
    String key = "dpk_" + id + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    KeyInfo info = new KeyInfo(id, name, new LinkedHashSet<>(roles), tenant, clock.instant(), null);
    ObjectNode stored = info.toJson().put("sha256", sha256(key));
    store.put(PREFIX + id, stored.toString());
    return new Created(info, key);
  }

  public List<KeyInfo> list() {
    List<KeyInfo> out = new ArrayList<>();
    store.scan(PREFIX, "", Integer.MAX_VALUE).values().forEach(v -> out.add(info(read(v))));
    return out;
  }

  public KeyInfo get(String id) {
    return info(read(store.get(PREFIX + id).orElseThrow(() -> notFound(id))));
  }

  /** Marks the key revoked; revoking twice keeps the first time. */
  public KeyInfo revoke(String id) {
    ObjectNode stored = read(store.get(PREFIX + id).orElseThrow(() -> notFound(id)));
    if (!stored.has("revokedAt")) {
      stored.put("revokedAt", clock.instant().toString());
      store.put(PREFIX + id, stored.toString());
    }
    return info(stored);
  }

  /** Whether {@code text} has the shape of one of our keys (else it may be a JWT). */
  public static boolean looksLikeKey(String text) {
    return text.startsWith("dpk_");
  }

  /** The principal of a valid, unrevoked key, or empty. */
  public Optional<Principal> authenticate(String key) {
    var m = SHAPE.matcher(key);
    if (!m.matches()) {
      return Optional.empty();
    }
    Optional<String> stored = store.get(PREFIX + m.group(1));
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode node = read(stored.get());
    byte[] expected = node.path("sha256").asText().getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, sha256(key).getBytes(StandardCharsets.US_ASCII)) || node.has("revokedAt")) {
      return Optional.empty();
    }
    KeyInfo info = info(node);
    return Optional.of(new Principal("key:" + info.id(), Principal.Kind.API_KEY, info.roles(), info.tenant()));
  }

  static String sha256(String text) {
    return HexFormat.of().formatHex(SHA256.get().digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** One digest per thread: looking the algorithm up for each hash cost the audit log's writer more than hashing. */
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  });

  private static KeyInfo info(ObjectNode node) {
    Set<String> roles = new LinkedHashSet<>();
    node.path("roles").forEach(r -> roles.add(r.asText()));
    JsonNode revoked = node.get("revokedAt");
    return new KeyInfo(node.path("id").asText(), node.path("name").asText(), roles,
        node.path("tenant").asText(TenantName.DEFAULT), Instant.parse(node.path("createdAt").asText()),
        revoked == null ? null : Instant.parse(revoked.asText()));
  }

  private static ObjectNode read(String text) {
    try {
      return (ObjectNode) JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new DoppelException(ErrorCode.STORAGE_FAILURE, "a stored API key is unreadable: " + e.getMessage());
    }
  }

  static DoppelException invalid(String target, String message) {
    return new DoppelException(ErrorCode.INVALID_ARGUMENT, message,
        List.of(new DoppelException.Detail("invalid", target, message)));
  }

  private static AuthFailure notFound(String id) {
    return new AuthFailure(AuthFailure.Kind.KEY_NOT_FOUND, "no API key with id '" + id + "'");
  }
}
