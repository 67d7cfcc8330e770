package io.doppel.ingest;

/**
 * Which mapping applies to a message (by connector and topic). The default resolves every message to the
 * built-in {@link ConventionMapping}; stored mappings take precedence where they match.
 */
@FunctionalInterface
public interface MappingResolver {
  Mapping resolve(Message message);

  static MappingResolver convention() {
    return message -> ConventionMapping.INSTANCE;
  }
}
