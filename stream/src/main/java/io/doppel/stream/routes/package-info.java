/**
 * Event routes: the engine's changes pushed as CloudEvents to webhooks, MQTT topics and Kafka topics. Every
 * matching event is put into the route's durable outbox on the engine's writer thread before the change is
 * answered, then delivered in order by the route's own thread, retried with exponential backoff and jitter, and
 * parked as a letter when the endpoint refuses it. Nothing is dropped silently: a full outbox is reported.
 */
@org.jspecify.annotations.NullMarked
package io.doppel.stream.routes;
