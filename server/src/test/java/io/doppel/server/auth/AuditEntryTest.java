package io.doppel.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The stored text of an audit entry is its JSON, whichever way it is written. */
class AuditEntryTest {
  @Test
  void theStoredTextIsTheEntrysJson() {
    AuditEntry entry = new AuditEntry(42, Instant.parse("2026-12-02T01:00:00.123Z"), "key:k1", "acme", "PATCH",
        "/digitaltwins/p\"1\u00e9", "/digitaltwins/{id}", 204, "ok", "10.0.0.1", AuditLog.GENESIS, "ab".repeat(32));

    assertThat(entry.toJsonText()).isEqualTo(entry.toJson().toString());
    assertThat(AuditEntry.fromJson(entry.toJson())).isEqualTo(entry);
  }

  @Test
  void anEntryFromBeforeTenantsKeepsItsNullTenant() {
    AuditEntry entry = new AuditEntry(1, Instant.EPOCH, "-", null, "GET", "/x", "", 401, "denied", "::1",
        AuditLog.GENESIS, "00");

    assertThat(entry.toJsonText()).isEqualTo(entry.toJson().toString()).contains("\"tenant\":null");
  }

  @Test
  void keysSortAsTheirSequenceNumbers() {
    assertThat(AuditLog.key(7)).isEqualTo("audit/00000000000000000007");
    assertThat(AuditLog.key(Long.MAX_VALUE)).isEqualTo("audit/09223372036854775807");
  }
}
