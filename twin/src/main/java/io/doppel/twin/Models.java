package io.doppel.twin;

import io.doppel.model.Dtmi;
import io.doppel.model.InterfaceModel;
import io.doppel.model.ModelCatalog;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** The uploaded models at one version: an immutable value, replaced as a whole on every model change. */
record Models(ModelCatalog catalog, Map<Dtmi, ModelRecord> records) {
  static final Models EMPTY = new Models(ModelCatalog.empty(), Map.of());

  Models {
    records = Collections.unmodifiableMap(new TreeMap<>(records));
  }

  @Nullable ModelRecord record(Dtmi id) {
    return records.get(id);
  }

  Models with(List<ModelRecord> added) {
    Map<Dtmi, ModelRecord> all = new TreeMap<>(records);
    List<InterfaceModel> interfaces = new ArrayList<>();
    for (ModelRecord r : added) {
      all.put(r.model().id(), r);
      interfaces.add(r.model());
    }
    return new Models(catalog.with(interfaces), all);
  }

  Models without(Dtmi id) {
    Map<Dtmi, ModelRecord> all = new TreeMap<>(records);
    all.remove(id);
    return new Models(catalog.without(id), all);
  }

  Models replacing(ModelRecord updated) {
    Map<Dtmi, ModelRecord> all = new TreeMap<>(records);
    all.put(updated.model().id(), updated);
    return new Models(catalog, all);
  }
}
