package io.doppel.query.exec;

import org.jspecify.annotations.Nullable;

/**
 * Where a paged query stopped, precisely enough to resume on another snapshot: the last root row finished
 * ({@code done}), the root row in progress ({@code current}) and how many result rows it had produced, and the total
 * number of rows returned so far (for TOP, and as the offset into aggregated results).
 */
public record ResumePoint(@Nullable RootKey done, @Nullable RootKey current, long skipInCurrent, long emitted) {
  public static final ResumePoint START = new ResumePoint(null, null, 0, 0);
}
