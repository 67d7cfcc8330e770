package io.doppel.query.plan;

import io.doppel.model.Dtmi;
import io.doppel.twin.IndexRange;
import io.doppel.twin.IndexValue;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/** How the first collection of a plan is read: by id, id prefix, model, property index, or a full scan. */
public sealed interface Access {
  /** The row slot the access path binds. */
  int slot();

  /** A short name for EXPLAIN. */
  String kind();

  record TwinScan(int slot) implements Access {
    public String kind() {
      return "fullScan";
    }
  }

  /** Point look-ups of the given ids (sorted, distinct). */
  record TwinIds(int slot, List<String> ids) implements Access {
    public TwinIds {
      ids = List.copyOf(ids);
    }

    public String kind() {
      return "idLookup";
    }
  }

  record TwinPrefix(int slot, String prefix) implements Access {
    public String kind() {
      return "idPrefix";
    }
  }

  /** Twins whose model is one of {@code models}: those {@link ModelMatch} accepts for the asked model. */
  record TwinModels(int slot, Set<Dtmi> models, Dtmi asked, boolean exact) implements Access {
    public TwinModels {
      models = Set.copyOf(models);
    }

    public String kind() {
      return "modelIndex";
    }
  }

  record TwinRange(int slot, String path, IndexRange range) implements Access {
    public String kind() {
      return "propertyIndex";
    }
  }

  /** Twins whose value at an indexed {@code path} equals one of {@code values} (sorted, distinct): {@code IN}. */
  record TwinValues(int slot, String path, List<IndexValue> values) implements Access {
    public TwinValues {
      values = List.copyOf(values);
    }

    public String kind() {
      return "propertyIndex";
    }
  }

  /** Every relationship (of one name when {@code name} is set), twin by twin. */
  record RelScan(int slot, @Nullable String name) implements Access {
    public String kind() {
      return "relationshipScan";
    }
  }

  record RelBySource(int slot, String sourceId, @Nullable String name) implements Access {
    public String kind() {
      return "relationshipsOfSource";
    }
  }

  record RelByTarget(int slot, String targetId, @Nullable String name) implements Access {
    public String kind() {
      return "relationshipsOfTarget";
    }
  }

  /** A stable fingerprint, kept in continuation tokens so a resumed query reads the same ordering again. */
  static int fingerprint(Access access) {
    // Set iteration order changes from one JVM to the next: describe model sets sorted so tokens survive restarts
    String canonical = access instanceof TwinModels m
        ? "TwinModels" + m.slot() + new java.util.TreeSet<>(m.models()) + m.asked() + m.exact() : access.toString();
    CRC32C crc = new CRC32C();
    byte[] bytes = canonical.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    crc.update(bytes, 0, bytes.length);
    return (int) crc.getValue();
  }
}
