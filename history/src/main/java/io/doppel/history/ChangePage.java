package io.doppel.history;

import io.doppel.history.spi.ChangeRecord;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** One page of a twin's change history, oldest first; pass {@code continuation} back for the next page. */
public record ChangePage(List<ChangeRecord> changes, @Nullable String continuation) {
  public ChangePage {
    changes = List.copyOf(changes);
  }
}
