package io.doppel.server.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one backup: a checkpoint of each store into {@code <target>/<store>} (another tenant's into
 * {@code <target>/tenants/<name>/<store>}), in {@link StoreKind}'s order (so within each tenant the derived stores
 * come before its twins), then {@code backup.json}. A failure removes what was written, so a target is either a
 * whole backup or absent.
 */
final class BackupWriter {
  private static final Logger LOG = LoggerFactory.getLogger(BackupWriter.class);

  private BackupWriter() {}

  static BackupManifest write(Path target, List<TenantStore> stores, String doppelVersion, Instant started) {
    prepareTarget(target);
    List<BackupManifest.Store> taken = new ArrayList<>();
    List<TenantStore> ordered = new ArrayList<>(stores);
    ordered.sort(Comparator.comparing(TenantStore::kind)); // stable: each kind's stores in the order given
    try {
      for (TenantStore s : ordered) {
        Path into = target.resolve(TenantStore.location(s.kind(), s.tenant()));
        createParents(into);
        taken.add(new BackupManifest.Store(s.kind(), s.tenant(), s.store().checkpoint(into)));
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

  private static void createParents(Path dir) {
    try {
      Files.createDirectories(dir.getParent());
    } catch (IOException e) {
      throw new BackupFailure(BackupFailure.Code.BACKUP_TARGET_INVALID, "cannot create " + dir.getParent() + ": " + e);
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
