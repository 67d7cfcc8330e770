package io.doppel.server.backup;

import io.doppel.store.rocksdb.RocksCheckpoints;
import io.doppel.store.rocksdb.StoreCheckpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The offline restore: copies a backup's stores into a data directory no server has open, after checking the
 * manifest, every format against this code, and that each copy opens at the sequence number the manifest names.
 */
public final class Restore {
  private Restore() {}

  /** What was restored: the backup's manifest, and the directory it went to. */
  public record Report(Path dataDir, BackupManifest manifest) {}

  /** Restores {@code backupDir} into {@code dataDir}; a non-empty {@code dataDir} only with {@code force}. */
  public static Report run(Path backupDir, Path dataDir, boolean force) {
    BackupManifest manifest = BackupManifest.read(backupDir);
    check(manifest, backupDir);
    if (!DataDirs.isEmpty(dataDir)) {
      if (backupDir.toAbsolutePath().normalize().startsWith(dataDir.toAbsolutePath().normalize())) {
        throw new BackupFailure(BackupFailure.Code.BACKUP_TARGET_INVALID, backupDir + " is inside " + dataDir
            + ", which a restore replaces: move the backup out of it first");
      }
      if (!force) {
        throw new BackupFailure(BackupFailure.Code.DATA_DIR_NOT_EMPTY, dataDir + " is not empty: restore into a new "
            + "directory, or pass --force to replace what is there");
      }
      DataDirs.requireNotInUse(dataDir);
      clear(dataDir);
    }
    try {
      Files.createDirectories(dataDir);
      for (BackupManifest.Store store : manifest.stores()) {
        Path from = backupDir.resolve(store.location());
        Path to = store.dataPath().isEmpty() ? dataDir : dataDir.resolve(store.dataPath());
        copyFiles(from, to);
        long sequence = RocksCheckpoints.sequenceOf(to);
        if (sequence != store.checkpoint().sequence()) {
          throw new BackupFailure(BackupFailure.Code.BACKUP_INVALID, "the " + store.kind().id() + " store copied from "
              + from + " stops at sequence " + sequence + ", the manifest says " + store.checkpoint().sequence());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot restore into " + dataDir, e);
    }
    DataFormat.write(dataDir, manifest.dataFormat()); // an older format is upgraded when a server next opens it
    return new Report(dataDir, manifest);
  }

  private static void check(BackupManifest manifest, Path backupDir) {
    if (manifest.dataFormat() > DataFormat.CURRENT) {
      throw new BackupFailure(BackupFailure.Code.FORMAT_TOO_NEW, backupDir + " has data format "
          + manifest.dataFormat() + " (written by Doppel " + manifest.doppelVersion() + "), newer than this Doppel "
          + "supports (" + DataFormat.CURRENT + "): restore it with that version or newer");
    }
    List<String> missing = new ArrayList<>();
    for (BackupManifest.Store store : manifest.stores()) {
      StoreCheckpoint c = store.checkpoint();
      if (c.format() > store.kind().supportedFormat()) {
        throw new BackupFailure(BackupFailure.Code.FORMAT_TOO_NEW, "the " + store.kind().id() + " store in "
            + backupDir + " has format " + c.format() + ", newer than this Doppel supports ("
            + store.kind().supportedFormat() + ")");
      }
      if (!DataDirs.hasStore(backupDir.resolve(store.location()))) {
        missing.add(store.location());
      }
    }
    if (!missing.isEmpty()) {
      throw new BackupFailure(BackupFailure.Code.BACKUP_INVALID, backupDir + " lacks the stores its manifest lists: "
          + String.join(", ", missing));
    }
    if (manifest.stores().stream().noneMatch(s -> s.kind() == StoreKind.TWINS && s.tenant() == null)) {
      throw new BackupFailure(BackupFailure.Code.BACKUP_INVALID, backupDir + " has no twin store");
    }
  }

  /** RocksDB directories are flat: files only. */
  private static void copyFiles(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        Files.copy(file, to.resolve(file.getFileName().toString()), StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
  }

  private static void clear(Path dataDir) {
    try (Stream<Path> entries = Files.list(dataDir)) {
      entries.forEach(BackupWriter::deleteQuietly);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
