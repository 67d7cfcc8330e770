package io.doppel.store.rocksdb;

/**
 * What one store's checkpoint holds: the RocksDB sequence number it stops at, its files and their size, and the
 * store's own format version (so that a restore can refuse a backup its code could not read).
 */
public record StoreCheckpoint(long sequence, int files, long bytes, int format) {}
