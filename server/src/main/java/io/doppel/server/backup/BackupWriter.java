package io.doppel.server.backup;

import io.doppel.store.rocksdb.Checkpointable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one backup: a checkpoint of each store into {@code <target>/<store>}, in {@link StoreKind}'s order, then
 * {@code backup.json}. A failure removes what was written, so a target is either a whole backup or absent.
 */
final class BackupWriter {
  private static final Logger LOG = LoggerFactory.getLogger(BackupWriter.class);

  private BackupWriter() {}

  static BackupManifest write(Path target, Map<StoreKind, Checkpointable> stores, String doppelVersion,
      Instant started) {
    prepareTarget(target);
    List<BackupManifest.Store> taken = new ArrayList<>();
    try {
      for (StoreKind kind : StoreKind.values()) {
        Checkpointable store = stores.get(kind);
        if (store != null) {
          taken.add(new BackupManifest.Store(kind, store.checkpoint(target.resolve(kind.id()))));
        }
      }
      BackupManifest manifest = new BackupManifest(doppelVersion, DataFormat.CURRENT, started, taken);
      manifest.write(target);
      LOG.info("backup of {} stores ({} bytes) written to {}", taken.size(), manifest.totalBytes(), target);
      return manifest;
    } catch (RuntimeException e) {
      deleteQuietly(target);
      throw e;
    }
  }

  /** The target must be new or an empty directory; its parents are created. */
  static void prepareTarget(Path target) {
    try {
      if (Files.exists(target)) {
        if (!Files.isDirectory(target)) {
          throw new BackupFailure(BackupFailure.Code.BACKUP_TARGET_INVALID, target + " exists and is not a directory");
        }
        try (Stream<Path> entries = Files.list(target)) {
          if (entries.findAny().isPresent()) {
            throw new BackupFailure(BackupFailure.Code.BACKUP_TARGET_EXISTS, target + " exists and is not empty");
          }
        }
      }
      Files.createDirectories(target);
    } catch (IOException | InvalidPathException e) {
      throw new BackupFailure(BackupFailure.Code.BACKUP_TARGET_INVALID, "cannot create " + target + ": " + e);
    }
  }

  static void deleteQuietly(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("could not remove the incomplete backup in {}", dir, e);
    }
  }
}
