package io.doppel.server.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The proxies ({@code --trusted-proxies}) whose word on the client's address is taken. Behind a reverse proxy every
 * caller reaches the server from the proxy's address, so failed-authentication throttling and the audit log would
 * see one caller. When the TCP peer is a trusted proxy, the client is the rightmost address of
 * {@code X-Forwarded-For} (or, without it, of {@code Forwarded: for=}) that is not itself a trusted proxy: each proxy
 * appends the address it was reached from, so everything left of that entry is the client's own say and is ignored.
 * From any other peer the headers are ignored altogether: a client cannot pick the address it is throttled by.
 */
public final class TrustedProxies {
  public static final TrustedProxies NONE = new TrustedProxies(List.of());

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  private final List<Block> blocks;

  private TrustedProxies(List<Block> blocks) {
    this.blocks = List.copyOf(blocks);
  }

  /** {@code 10.0.0.0/8,192.168.1.7,fd00::/8}: CIDR blocks or single addresses, comma-separated; blank for none. */
  public static TrustedProxies parse(@Nullable String list) {
    if (list == null || list.isBlank()) {
      return NONE;
    }
    List<Block> blocks = new ArrayList<>();
    for (String part : list.split(",")) {
      String cidr = part.trim();
      if (cidr.isEmpty()) {
        continue;
      }
      int slash = cidr.indexOf('/');
      byte[] address = literal(slash < 0 ? cidr : cidr.substring(0, slash));
      if (address == null) {
        throw new IllegalArgumentException("'" + cidr + "' is not an IP address or CIDR block such as 10.0.0.0/8");
      }
      int bits = address.length * 8;
      if (slash >= 0) {
        try {
          bits = Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
          bits = -1;
        }
        if (bits < 0 || bits > address.length * 8) {
          throw new IllegalArgumentException("'" + cidr + "': the prefix length must be 0 to " + address.length * 8);
        }
      }
      blocks.add(new Block(address, bits));
    }
    return new TrustedProxies(blocks);
  }

  public boolean isEmpty() {
    return blocks.isEmpty();
  }

  /**
   * The client's address: {@code peer} itself unless it is trusted; then the rightmost untrusted entry of the
   * forwarding headers (all their values, in order), the leftmost when every entry is a trusted proxy, and
   * {@code peer} when there is none or that entry is not an IP address (a proxy that does not say where it was
   * reached from is not taken at its word).
   */
  /** True when no proxy is trusted: every client is its TCP peer, and the forwarding headers need not be read. */
  public boolean none() {
    return blocks.isEmpty();
  }

  public String client(String peer, List<String> forwardedFor, List<String> forwarded) {
    if (blocks.isEmpty() || !trusted(literal(peer))) {
      return peer;
    }
    List<String> chain = forwardedFor.isEmpty() ? forwardedForOf(forwarded) : split(forwardedFor);
    for (int i = chain.size() - 1; i >= 0; i--) {
      String entry = stripPort(chain.get(i));
      byte[] address = literal(entry);
      if (address == null) {
        return peer;
      }
      if (!trusted(address) || i == 0) {
        return normalised(address, entry);
      }
    }
    return peer;
  }

  private boolean trusted(byte @Nullable [] address) {
    if (address == null) {
      return false;
    }
    for (Block block : blocks) {
      if (block.contains(address)) {
        return true;
      }
    }
    return false;
  }

  private static List<String> split(List<String> values) {
    List<String> out = new ArrayList<>();
    for (String value : values) {
      for (String entry : value.split(",")) {
        out.add(entry.trim());
      }
    }
    return out;
  }

  /** RFC 7239: {@code for=192.0.2.60;proto=http, for="[2001:db8::1]:4711"}: the {@code for} of each element. */
  private static List<String> forwardedForOf(List<String> values) {
    List<String> out = new ArrayList<>();
    for (String element : split(values)) {
      String found = "";
      for (String pair : element.split(";")) {
        int eq = pair.indexOf('=');
        if (eq > 0 && pair.substring(0, eq).trim().toLowerCase(Locale.ROOT).equals("for")) {
          found = pair.substring(eq + 1).trim().replace("\"", "");
        }
      }
      out.add(found); // an element without for= breaks the chain like an unknown address
    }
    return out;
  }

  /** {@code [2001:db8::1]:4711} and {@code 192.0.2.60:80} without their ports; anything else as it is. */
  private static String stripPort(String entry) {
    if (entry.startsWith("[")) {
      int end = entry.indexOf(']');
      return end < 0 ? entry : entry.substring(1, end);
    }
    int colon = entry.indexOf(':');
    return colon > 0 && colon == entry.lastIndexOf(':') ? entry.substring(0, colon) : entry;
  }

  /** The address's bytes when {@code text} is an IP literal; null for anything else (never a DNS lookup). */
  static byte @Nullable [] literal(String text) {
    String t = text.trim();
    if (!IPV4.matcher(t).matches() && !IPV6.matcher(t).matches()) {
      return null;
    }
    try {
      return InetAddress.getByName(t).getAddress(); // a literal: parsed, not resolved
    } catch (UnknownHostException | RuntimeException e) {
      return null;
    }
  }

  private static String normalised(byte[] address, String fallback) {
    try {
      return InetAddress.getByAddress(address).getHostAddress();
    } catch (UnknownHostException e) {
      return fallback;
    }
  }

  private record Block(byte[] network, int bits) {
    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      for (int i = 0; i < bits; i++) {
        int mask = 0x80 >>> (i % 8);
        if ((address[i / 8] & mask) != (network[i / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }
}
