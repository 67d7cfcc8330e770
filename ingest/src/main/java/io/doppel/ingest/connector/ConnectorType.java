package io.doppel.ingest.connector;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.ingest.Ingestor;
import java.time.Clock;

/** One kind of configurable connector: reads its configuration (refusing a bad one) and builds the connector. */
public interface ConnectorType {
  /** The {@code type} of its configurations, e.g. {@code kafka}. */
  String name();

  /** Checks {@code config} ({@code CONNECTOR_INVALID} naming the field) without connecting anywhere. */
  void validate(ObjectNode config);

  /** A connector for {@code config} (already validated), not yet started. */
  Connector create(String id, ObjectNode config, Ingestor ingestor, Clock clock);
}
