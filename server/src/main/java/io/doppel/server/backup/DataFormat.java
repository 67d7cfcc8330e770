package io.doppel.server.backup;

import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data directory's format version, in {@code <data>/FORMAT}: which stores it holds and where. Each store also
 * keeps its own format key (checked when it opens); this file is what an upgrade or a restore checks first, before
 * any store is opened, so that a newer directory is refused as a whole instead of store by store.
 *
 * <p>History: 0 is a directory written before the file existed (same layout); 1 adds the file.
 */
public final class DataFormat {
  /** The format this code writes; bump it with a migration in {@link #migrate} when the layout changes. */
  public static final int CURRENT = 1;
  static final String FILE = "FORMAT";
  private static final String PREFIX = "doppel-data ";
  private static final Logger LOG = LoggerFactory.getLogger(DataFormat.class);

  private DataFormat() {}

  /**
   * Called before a server opens {@code dataDir}: records the current format in a new directory, migrates an older
   * one, refuses a newer one. Returns the format the directory has now.
   */
  public static int prepare(Path dataDir) {
    OptionalInt stored = read(dataDir);
    if (stored.isEmpty()) {
      boolean used = Files.exists(dataDir.resolve("CURRENT")); // the twin store's RocksDB was there before the file
      if (used) {
        migrate(dataDir, 0);
      } else {
        write(dataDir, CURRENT);
      }
      return CURRENT;
    }
    int format = stored.getAsInt();
    if (format > CURRENT) {
      throw new DoppelException(ErrorCode.STORAGE_FAILURE, "the data directory " + dataDir + " has data format "
          + format + ", newer than this Doppel supports (" + CURRENT + "): run the Doppel that wrote it (or newer), "
          + "or restore a backup taken with this version");
    }
    if (format < CURRENT) {
      migrate(dataDir, format);
    }
    return CURRENT;
  }

  /** Brings a directory from {@code from} to {@link #CURRENT}, one step at a time. */
  private static void migrate(Path dataDir, int from) {
    for (int format = from; format < CURRENT; format++) {
      switch (format) {
        case 0 -> { } // same layout: only the file is new
        default -> throw new IllegalStateException("no migration from data format " + format);
      }
    }
    write(dataDir, CURRENT);
    LOG.info("data directory {} upgraded from data format {} to {}", dataDir, from, CURRENT);
  }

  /** The recorded format, or empty when the directory has no {@code FORMAT} file. */
  public static OptionalInt read(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    if (!Files.exists(file)) {
      return OptionalInt.empty();
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new DoppelException(ErrorCode.STORAGE_FAILURE, "cannot read " + file + ": " + e.getMessage());
    }
    try {
      if (!text.startsWith(PREFIX)) {
        throw new NumberFormatException(text);
      }
      return OptionalInt.of(Integer.parseInt(text.substring(PREFIX.length()).trim()));
    } catch (NumberFormatException e) {
      throw new DoppelException(ErrorCode.STORAGE_FAILURE, file + " is not a Doppel data format ('" + text
          + "'; expected '" + PREFIX + "<number>')");
    }
  }

  /** Replaces the file atomically, so a crash leaves the old format or the new one, never half a file. */
  public static void write(Path dataDir, int format) {
    Path file = dataDir.resolve(FILE);
    Path next = dataDir.resolve(FILE + ".next");
    try {
      Files.createDirectories(dataDir);
      Files.writeString(next, PREFIX + format + "\n", StandardCharsets.UTF_8);
      try (var channel = java.nio.channels.FileChannel.open(next, java.nio.file.StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new DoppelException(ErrorCode.STORAGE_FAILURE, "cannot write " + file + ": " + e.getMessage());
    }
  }
}
