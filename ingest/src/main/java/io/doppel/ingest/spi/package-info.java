/** What ingestion needs from storage: the dead-letter store, implemented in memory here and by {@code store-*}. */
@org.jspecify.annotations.NullMarked
package io.doppel.ingest.spi;
