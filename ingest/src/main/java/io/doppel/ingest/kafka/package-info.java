/**
 * The Kafka connector: a consumer group member that hands each record to the ingestor and commits an offset only
 * once every record before it is durable (applied or dead-lettered), so that nothing acknowledged is lost.
 */
@org.jspecify.annotations.NullMarked
package io.doppel.ingest.kafka;
