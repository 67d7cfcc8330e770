/** The default durable store of the twin engine: one RocksDB database, synced write-ahead log, tenant-prefixed keys. */
@org.jspecify.annotations.NullMarked
package io.doppel.store.rocksdb;
