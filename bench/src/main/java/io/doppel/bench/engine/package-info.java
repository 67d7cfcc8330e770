/** In-process benchmarks of the twin engine on RocksDB: durable patch throughput, bulk load, heap and reopen time. */
@org.jspecify.annotations.NullMarked
package io.doppel.bench.engine;
