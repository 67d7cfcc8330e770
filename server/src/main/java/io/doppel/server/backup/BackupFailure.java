package io.doppel.server.backup;

/**
 * A backup or restore that cannot be done as asked, with a stable code (the HTTP API's error code, the CLI's
 * message). A storage failure underneath stays a {@link io.doppel.twin.DoppelException}.
 */
public final class BackupFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Stable codes; never rename one. */
  public enum Code {
    /** The server keeps its data in memory (no {@code --data}): there is nothing on disk to back up. */
    BACKUP_UNAVAILABLE(409),
    /** Another backup is being written; one at a time keeps the checkpoints' extra disk use bounded. */
    BACKUP_IN_PROGRESS(409),
    /** The target directory exists and is not empty. */
    BACKUP_TARGET_EXISTS(409),
    /** The target is not a usable directory path. */
    BACKUP_TARGET_INVALID(400),
    /** A restore's source has no readable {@code backup.json} (not a backup, or one that never finished). */
    BACKUP_INVALID(400),
    /** The backup, or a data directory, was written by a newer Doppel than this one. */
    FORMAT_TOO_NEW(400),
    /** A restore's data directory is not empty (and {@code --force} was not given). */
    DATA_DIR_NOT_EMPTY(409),
    /** A server has the data directory open. */
    DATA_DIR_IN_USE(409);

    private final int status;

    Code(int status) {
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  private final Code code;

  public BackupFailure(Code code, String message) {
    super(message);
    this.code = code;
  }

  public Code code() {
    return code;
  }
}
