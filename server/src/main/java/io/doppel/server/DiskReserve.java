package io.doppel.server;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The free space the data directory's disk must keep: a size ({@code 256MiB}, {@code 1GiB}, {@code 500000000}) or
 * a share of the disk ({@code 2%}). Below it every write is refused with 507 {@code INSUFFICIENT_STORAGE}, so that a
 * full disk never catches RocksDB mid-flush and the operator has room to delete, sweep history or grow the volume.
 *
 * @param bytes a fixed reserve, used when {@code percent} is negative
 * @param percent a share of the disk's total size in [0, 100], or -1
 */
public record DiskReserve(long bytes, double percent) {
  /** 256 MiB: more than RocksDB needs to finish a flush and a compaction of the memtables it holds. */
  public static final DiskReserve DEFAULT = new DiskReserve(256L << 20, -1);
  /** No reserve: writes go on until the disk itself is full (then still 507, from the store). */
  public static final DiskReserve NONE = new DiskReserve(0, -1);

  private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(b|kib|mib|gib|tib|kb|mb|gb|tb)?");
  private static final Pattern SHARE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*%");

  public DiskReserve {
    if (bytes < 0) {
      throw new IllegalArgumentException("the reserve must be >= 0 bytes, was " + bytes);
    }
    if (percent > 100 || percent < 0 && percent != -1) {
      throw new IllegalArgumentException("the reserve must be a share in [0, 100]%, was " + percent);
    }
  }

  /** Parses {@code 256MiB}, {@code 2%}, {@code 0}; the message of a failure says what is accepted. */
  public static DiskReserve parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    Matcher share = SHARE.matcher(t);
    if (share.matches()) {
      return new DiskReserve(0, Double.parseDouble(share.group(1)));
    }
    Matcher size = SIZE.matcher(t);
    if (!size.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a size such as 256MiB, 1GiB, 500MB or 2%");
    }
    double value = Double.parseDouble(size.group(1));
    String unit = size.group(2) == null ? "b" : size.group(2);
    double factor = switch (unit) {
      case "kib" -> 1L << 10;
      case "mib" -> 1L << 20;
      case "gib" -> 1L << 30;
      case "tib" -> 1L << 40;
      case "kb" -> 1e3;
      case "mb" -> 1e6;
      case "gb" -> 1e9;
      case "tb" -> 1e12;
      default -> 1;
    };
    return new DiskReserve(Math.round(value * factor), -1);
  }

  /** The reserve in bytes on a disk of {@code totalBytes}. */
  public long bytesOf(long totalBytes) {
    return percent < 0 ? bytes : (long) Math.ceil(totalBytes * percent / 100);
  }

  /** As it is written: {@code 2%}, or {@code 256MiB} when a whole number of MiB, else bytes. */
  @Override
  public String toString() {
    if (percent >= 0) {
      return (percent == Math.rint(percent) ? Long.toString((long) percent) : Double.toString(percent)) + "%";
    }
    return bytes % (1L << 20) == 0 ? (bytes >> 20) + "MiB" : Long.toString(bytes);
  }
}
