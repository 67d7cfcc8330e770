package io.doppel.twin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Weak ETags derived from the global version of a resource's last change: every change has a unique version, so
 * the tag changes exactly when the resource does, and survives restarts without being stored.
 */
final class Etags {
  private Etags() {}

  static String of(long version) {
    // W/"<16 hex digits>": built by hand, as every write and read formats one; Latin-1 bytes, not chars, so the
    // string takes them without compressing a char array first.
    byte[] tag = new byte[20];
    tag[0] = 'W';
    tag[1] = '/';
    tag[2] = '"';
    for (int i = 18; i >= 3; i--) {
      tag[i] = HEX[(int) (version & 0xf)];
      version >>>= 4;
    }
    tag[19] = '"';
    return new String(tag, java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

  /** Checks If-Match / If-None-Match against the current resource ({@code null} when absent). */
  static void check(Precondition pre, @Nullable Long currentVersion, String what) {
    if (pre.ifNoneMatchAny() && currentVersion != null) {
      throw new DoppelException(ErrorCode.PRECONDITION_FAILED, what + " already exists (If-None-Match: *)");
    }
    String ifMatch = pre.ifMatch();
    if (ifMatch == null) {
      return;
    }
    if (currentVersion == null) {
      throw new DoppelException(ErrorCode.PRECONDITION_FAILED, what + " does not exist (If-Match: " + ifMatch + ")");
    }
    if (!ifMatch.trim().equals("*") && !matches(ifMatch, of(currentVersion))) {
      throw new DoppelException(ErrorCode.PRECONDITION_FAILED,
          what + " has ETag " + of(currentVersion) + ", not " + ifMatch);
    }
  }

  private static boolean matches(String ifMatch, String etag) {
    // If-Match may list several tags; comparison is weak (W/ prefixes ignored) as ADT does.
    String bare = strip(etag);
    for (String candidate : ifMatch.split(",")) {
      if (strip(candidate.trim()).equals(bare)) {
        return true;
      }
    }
    return false;
  }

  private static String strip(String tag) {
    return tag.startsWith("W/") ? tag.substring(2) : tag;
  }

  /**
   * A deep copy of a twin document with an empty {@code $etag} after {@code $dtId}: made on the preparing thread so
   * that the sequencer only has to fill in the tag ({@link #fill}) to answer.
   */
  static ObjectNode replyOf(ObjectNode doc) {
    ObjectNode out = doc.objectNode();
    boolean placed = false;
    for (Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> e : doc.properties()) {
      out.set(e.getKey(), TwinCodec.canonicalCopy(e.getValue()));
      if (!placed && e.getKey().equals("$dtId")) {
        out.put("$etag", "");
        placed = true;
      }
    }
    if (!placed) {
      out.put("$etag", "");
    }
    return out;
  }

  /** Sets the {@code $etag} of a reply made by {@link #replyOf}, in place (the member keeps its position). */
  static ObjectNode fill(ObjectNode reply, String etag) {
    reply.put("$etag", etag);
    return reply;
  }

  /** A copy of {@code doc} with {@code $etag} inserted right after {@code firstKey}, as ADT orders them. */
  static ObjectNode withEtag(ObjectNode doc, String firstKey, String etag) {
    ObjectNode out = doc.objectNode();
    boolean placed = false;
    for (Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> e : doc.properties()) {
      out.set(e.getKey(), e.getValue());
      if (!placed && e.getKey().equals(firstKey)) {
        out.put("$etag", etag);
        placed = true;
      }
    }
    if (!placed) {
      out.put("$etag", etag);
    }
    return out;
  }
}
