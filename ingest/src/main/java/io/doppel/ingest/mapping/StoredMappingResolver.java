package io.doppel.ingest.mapping;

import io.doppel.ingest.ConventionMapping;
import io.doppel.ingest.Mapping;
import io.doppel.ingest.MappingResolver;
import io.doppel.ingest.Message;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Picks the most specific stored mapping whose match (connector, topic filter) and {@code when} hold, else the
 * built-in convention. Specificity: a mapping for one connector beats one for any; then the topic filter with more
 * literal levels; ties go to the smaller id, so that the choice never depends on the order of definition.
 */
final class StoredMappingResolver implements MappingResolver {
  private final List<MappingDefinition> mappings;

  StoredMappingResolver(List<MappingDefinition> mappings) {
    List<MappingDefinition> sorted = new ArrayList<>(mappings);
    sorted.sort(Comparator.comparingInt(MappingDefinition::specificity).reversed()
        .thenComparing(MappingDefinition::id));
    this.mappings = List.copyOf(sorted);
  }

  @Override
  public Mapping resolve(Message message) {
    if (mappings.isEmpty()) {
      return ConventionMapping.INSTANCE;
    }
    String[] levels = message.topic().split("/", -1);
    Scope scope = null;
    for (MappingDefinition mapping : mappings) {
      if (!mapping.matches(message, levels)) {
        continue;
      }
      if (mapping.when() == null) {
        return mapping;
      }
      if (scope == null) {
        scope = new Scope(message);
      }
      if (mapping.applies(scope)) {
        return mapping;
      }
    }
    return ConventionMapping.INSTANCE;
  }
}
