package io.doppel.ingest.bridge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.ingest.Ingestor;
import io.doppel.ingest.connector.Configs;
import io.doppel.ingest.connector.Connector;
import io.doppel.ingest.connector.ConnectorType;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code {"type":"mqtt-bridge","uri":"tcp://host:1883","topics":["plant/#"],"username"?,"password"?,"clientId"?}};
 * {@code ssl://} (or {@code mqtts://}) connects with TLS and the JVM's trust store.
 */
public final class MqttBridgeType implements ConnectorType {
  @Override
  public String name() {
    return "mqtt-bridge";
  }

  @Override
  public void validate(ObjectNode config) {
    Settings.read(config);
  }

  @Override
  public Connector create(String id, ObjectNode config, Ingestor ingestor, Clock clock) {
    return new MqttBridge(id, Settings.read(config), ingestor, clock);
  }

  record Settings(String host, int port, boolean tls, List<String> topics, @Nullable String username,
      @Nullable String password, @Nullable String clientId) {
    static Settings read(ObjectNode config) {
      Configs.onlyFields(config, Set.of("uri", "topics", "username", "password", "clientId"));
      String text = Configs.text(config, "uri");
      URI uri;
      try {
        uri = new URI(text);
      } catch (URISyntaxException e) {
        throw Configs.invalid("uri", "not a URI: " + e.getMessage());
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme();
      boolean tls = switch (scheme) {
        case "tcp", "mqtt" -> false;
        case "ssl", "mqtts", "tls" -> true;
        default -> throw Configs.invalid("uri", "the scheme must be tcp:// or ssl://, not '" + text + "'");
      };
      if (uri.getHost() == null) {
        throw Configs.invalid("uri", "no host in '" + text + "'");
      }
      int port = uri.getPort() > 0 ? uri.getPort() : tls ? 8883 : 1883;
      List<String> topics = Configs.texts(config, "topics");
      for (int i = 0; i < topics.size(); i++) {
        String t = topics.get(i);
        int hash = t.indexOf('#');
        if ((hash >= 0 && hash != t.length() - 1) || t.matches(".*[^/]\\+.*|.*\\+[^/].*")) {
          throw Configs.invalid("topics[" + i + "]", "not a valid MQTT topic filter: '" + t + "'");
        }
      }
      return new Settings(uri.getHost(), port, tls, topics, Configs.optionalText(config, "username"),
          Configs.optionalText(config, "password"), Configs.optionalText(config, "clientId"));
    }
  }
}
