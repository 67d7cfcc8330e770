package io.doppel.server;

import java.util.List;

/** What {@code --demo} added at start: zeros after a restart on a directory that already holds the demo. */
public record DemoSummary(List<String> packs, int models, int twins, int relationships, int mappings) {
  public DemoSummary {
    packs = List.copyOf(packs);
  }

  DemoSummary withMappings(int added) {
    return new DemoSummary(packs, models, twins, relationships, added);
  }
}
