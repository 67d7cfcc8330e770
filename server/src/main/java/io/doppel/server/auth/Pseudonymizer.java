package io.doppel.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed pseudonyms for personal values: {@code pn_} and the first 128 bits of HMAC-SHA256 over the value's
 * canonical JSON text, base64url (22 characters). The same value gives the same pseudonym under one key, wherever
 * it appears (so joins and group-bys on pseudonyms still work); without the key nobody can check a guess. The text
 * is canonical so that a value spelled differently is the same value: object members sorted by name, numbers in
 * their shortest exact decimal form ({@code 5}, {@code 5.0} and {@code 5e0} are one number).
 */
public final class Pseudonymizer {
  static final String PREFIX = "pn_";
  private static final int MIN_KEY_BYTES = 16;

  private final SecretKeySpec key;
  /**
   * The ids this server pseudonymised, by pseudonym: a query row re-checked after the query ran names its twin by
   * pseudonym, and policies are decided on the clear id. Only ids marked personal go in (a few per such twin).
   */
  private final java.util.Map<String, String> idsByPseudonym = new java.util.concurrent.ConcurrentHashMap<>();

  public Pseudonymizer(byte[] key) {
    if (key.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException("a pseudonym key has at least " + MIN_KEY_BYTES + " bytes");
    }
    this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
  }

  /** A key for this process only (a server without a data directory, or tests). */
  public static Pseudonymizer ephemeral() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return new Pseudonymizer(key);
  }

  /** The pseudonym of a JSON value of any type. */
  public String pseudonym(JsonNode value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] digest = mac.doFinal(canonical(value).getBytes(StandardCharsets.UTF_8));
      return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 16));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  /**
   * The pseudonym of a twin or relationship id: the one its text gets as a value ({@link #pseudonym(JsonNode)}), so
   * a property holding a twin's id pseudonymises to that twin's pseudonymised {@code $dtId}.
   */
  public String pseudonymOfId(String id) {
    String pseudonym = pseudonym(com.fasterxml.jackson.databind.node.TextNode.valueOf(id));
    idsByPseudonym.putIfAbsent(pseudonym, id);
    return pseudonym;
  }

  /** The id {@link #pseudonymOfId} gave {@code pseudonym} in this process, or null when it gave none. */
  public @org.jspecify.annotations.Nullable String idOf(String pseudonym) {
    return pseudonym.startsWith(PREFIX) ? idsByPseudonym.get(pseudonym) : null;
  }

  /** The canonical JSON text of a value: no spaces, members sorted, numbers normalised. */
  static String canonical(JsonNode value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  private static void write(JsonNode value, StringBuilder out) {
    if (value.isObject()) {
      List<String> names = new ArrayList<>();
      value.fieldNames().forEachRemaining(names::add);
      names.sort(null);
      out.append('{');
      for (int i = 0; i < names.size(); i++) {
        out.append(i == 0 ? "" : ",").append(com.fasterxml.jackson.databind.node.TextNode.valueOf(names.get(i)))
            .append(':');
        write(value.get(names.get(i)), out);
      }
      out.append('}');
    } else if (value.isArray()) {
      out.append('[');
      for (int i = 0; i < value.size(); i++) {
        out.append(i == 0 ? "" : ",");
        write(value.get(i), out);
      }
      out.append(']');
    } else if (value.isNumber()) {
      out.append(number(value));
    } else {
      out.append(value); // strings (quoted, escaped), booleans, null
    }
  }

  private static String number(JsonNode value) {
    if (value.isIntegralNumber()) {
      return value.bigIntegerValue().toString();
    }
    double d = value.doubleValue();
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return value.asText();
    }
    BigDecimal exact = value.isBigDecimal() ? value.decimalValue() : new BigDecimal(Double.toString(d));
    BigDecimal stripped = exact.stripTrailingZeros();
    return stripped.scale() <= 0 ? stripped.toBigIntegerExact().toString() : stripped.toPlainString();
  }
}
