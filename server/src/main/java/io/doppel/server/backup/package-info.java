/**
 * Backups and restores of a data directory: online checkpoints of every open store, the offline restore, and the
 * data directory's format version that upgrades are checked against.
 */
@NullMarked
package io.doppel.server.backup;

import org.jspecify.annotations.NullMarked;
