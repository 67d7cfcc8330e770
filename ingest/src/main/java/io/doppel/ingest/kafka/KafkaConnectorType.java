package io.doppel.ingest.kafka;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.ingest.Ingestor;
import io.doppel.ingest.connector.Configs;
import io.doppel.ingest.connector.Connector;
import io.doppel.ingest.connector.ConnectorType;
import java.time.Clock;
import java.util.Set;

/**
 * {@code {"type":"kafka","bootstrap":"host:9092","topics":["plant.sensors"],"group":"doppel",
 * "properties":{"security.protocol":"SSL"}?}}: any further consumer property goes in {@code properties}, except the
 * ones the at-least-once design owns (auto commit, deserializers).
 */
public final class KafkaConnectorType implements ConnectorType {
  static final Set<String> OWNED = Set.of("enable.auto.commit", "key.deserializer", "value.deserializer",
      "group.id", "bootstrap.servers");

  @Override
  public String name() {
    return "kafka";
  }

  @Override
  public void validate(ObjectNode config) {
    KafkaSettings.read(config);
  }

  @Override
  public Connector create(String id, ObjectNode config, Ingestor ingestor, Clock clock) {
    return new KafkaConnector(id, KafkaSettings.read(config), ingestor, clock);
  }

  /** The configuration as read. */
  record KafkaSettings(String bootstrap, java.util.List<String> topics, String group,
      java.util.Map<String, String> properties) {
    static KafkaSettings read(ObjectNode config) {
      Configs.onlyFields(config, Set.of("bootstrap", "topics", "group", "properties"));
      String bootstrap = Configs.text(config, "bootstrap");
      var topics = Configs.texts(config, "topics");
      String group = Configs.optionalText(config, "group");
      var properties = Configs.textMap(config, "properties");
      for (String owned : OWNED) {
        if (properties.containsKey(owned)) {
          throw Configs.invalid("properties." + owned, "set by the connector itself");
        }
      }
      return new KafkaSettings(bootstrap, topics, group == null || group.isBlank() ? "doppel" : group, properties);
    }
  }
}
