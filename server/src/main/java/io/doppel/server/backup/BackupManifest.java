package io.doppel.server.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.store.rocksdb.StoreCheckpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code backup.json}: what a backup holds. Written last, so that a directory with the file is a complete backup
 * and one without it is not a backup at all.
 *
 * @param doppelVersion the Doppel that wrote it
 * @param dataFormat the data directory's format ({@link DataFormat})
 * @param created when the backup started
 * @param stores each store's checkpoint, in the order they were taken
 */
public record BackupManifest(String doppelVersion, int dataFormat, Instant created, List<Store> stores) {
  public static final String FILE = "backup.json";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  public BackupManifest {
    stores = List.copyOf(stores);
  }

  /**
   * One store: its kind, its tenant (null: the default tenant's or the platform's, as before tenants), and the
   * checkpoint's sequence number, files, bytes and format version.
   */
  public record Store(StoreKind kind, @org.jspecify.annotations.Nullable String tenant, StoreCheckpoint checkpoint) {
    /** Relative to the data directory. */
    public String dataPath() {
      return TenantStore.dataPath(kind, tenant);
    }

    /** Relative to the backup. */
    public String location() {
      return TenantStore.location(kind, tenant);
    }
  }

  /** The tenants other than the default one the backup holds stores of. */
  public java.util.SortedSet<String> tenants() {
    java.util.SortedSet<String> names = new java.util.TreeSet<>();
    stores.forEach(s -> {
      if (s.tenant() != null) {
        names.add(s.tenant());
      }
    });
    return names;
  }

  public long totalBytes() {
    return stores.stream().mapToLong(s -> s.checkpoint().bytes()).sum();
  }

  public ObjectNode toJson() {
    ObjectNode root = MAPPER.createObjectNode()
        .put("doppelVersion", doppelVersion)
        .put("dataFormat", dataFormat)
        .put("created", created.toString())
        .put("consistency", "per store; taken in this order, derived stores before the twins (docs/operations.md)");
    ArrayNode list = root.putArray("stores");
    for (Store store : stores) {
      StoreCheckpoint c = store.checkpoint();
      ObjectNode entry = list.addObject().put("name", store.kind().id());
      if (store.tenant() != null) {
        entry.put("tenant", store.tenant());
      }
      entry.put("dataPath", store.dataPath())
          .put("format", c.format())
          .put("sequence", c.sequence())
          .put("files", c.files())
          .put("bytes", c.bytes());
    }
    return root;
  }

  void write(Path backupDir) {
    try {
      Files.write(backupDir.resolve(FILE), MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(toJson()));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot write " + backupDir.resolve(FILE), e);
    }
  }

  /** Reads {@code <backupDir>/backup.json}; a missing file or field is {@code BACKUP_INVALID} naming it. */
  public static BackupManifest read(Path backupDir) {
    Path file = backupDir.resolve(FILE);
    JsonNode root;
    try {
      root = MAPPER.readTree(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw invalid(backupDir + " is not a backup: it has no " + FILE + " (a backup writes it last, once complete)");
    } catch (IOException e) {
      throw invalid(file + " is not readable JSON: " + e.getMessage());
    }
    String version = text(root, "doppelVersion", file);
    int dataFormat = integer(root, "dataFormat", file);
    Instant created;
    try {
      created = Instant.parse(text(root, "created", file));
    } catch (DateTimeParseException e) {
      throw invalid(file + ": 'created' is not an ISO-8601 instant");
    }
    JsonNode list = root.path("stores");
    if (!list.isArray() || list.isEmpty()) {
      throw invalid(file + ": 'stores' must be a non-empty array");
    }
    List<Store> stores = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode s = list.get(i);
      String where = file + " stores[" + i + "]";
      StoreKind kind;
      try {
        kind = StoreKind.byId(text(s, "name", where));
      } catch (IllegalArgumentException e) {
        throw invalid(where + ": unknown store '" + s.path("name").asText() + "'");
      }
      String tenant = null;
      if (s.has("tenant")) {
        tenant = text(s, "tenant", where);
        if (!io.doppel.server.auth.TenantName.valid(tenant) || tenant.equals(io.doppel.server.auth.TenantName.DEFAULT)) {
          throw invalid(where + ": 'tenant' is not a tenant name: '" + tenant + "'");
        }
      }
      stores.add(new Store(kind, tenant, new StoreCheckpoint(number(s, "sequence", where), integer(s, "files", where),
          number(s, "bytes", where), integer(s, "format", where))));
    }
    return new BackupManifest(version, dataFormat, created, stores);
  }

  private static String text(JsonNode node, String field, Object where) {
    JsonNode value = node.path(field);
    if (!value.isTextual()) {
      throw invalid(where + ": '" + field + "' must be a string");
    }
    return value.asText();
  }

  private static int integer(JsonNode node, String field, Object where) {
    JsonNode value = node.path(field);
    if (!value.canConvertToInt()) {
      throw invalid(where + ": '" + field + "' must be an integer");
    }
    return value.asInt();
  }

  private static long number(JsonNode node, String field, Object where) {
    JsonNode value = node.path(field);
    if (!value.canConvertToLong()) {
      throw invalid(where + ": '" + field + "' must be an integer");
    }
    return value.asLong();
  }

  private static BackupFailure invalid(String message) {
    return new BackupFailure(BackupFailure.Code.BACKUP_INVALID, message);
  }
}
