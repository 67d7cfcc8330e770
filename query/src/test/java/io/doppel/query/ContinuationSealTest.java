package io.doppel.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import io.doppel.twin.MutableClock;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Continuation tokens are sealed with the service's key and good only for the caller they were issued to. */
class ContinuationSealTest {
  private static final String QUERY = "SELECT * FROM DIGITALTWINS WHERE temperature > 0";
  private static final byte[] KEY = "a continuation key of 32 bytes!!".getBytes(StandardCharsets.UTF_8);
  private final MemoryGraph graph = Buildings.graph();

  private QueryService service(byte[] key) {
    return new QueryService(graph::open, PastSnapshots.NONE, QueryLimits.defaults(), new MutableClock(),
        io.doppel.query.spi.TwinSignals.NONE, key);
  }

  @Test
  void theCallerItWasIssuedToPagesOn() {
    QueryService queries = service(KEY);
    QueryPage first = queries.run(QUERY, null, 2, "default\0key:a");
    QueryPage second = queries.run(null, first.continuationToken(), 2, "default\0key:a");
    assertThat(second.value()).hasSize(2);
  }

  @Test
  void anotherCallerOrTenantIsRefusedNamingTheField() {
    QueryService queries = service(KEY);
    String token = queries.run(QUERY, null, 2, "default\0key:a").continuationToken();
    for (String other : new String[] {"default\0key:b", "acme\0key:a", ""}) {
      assertThatThrownBy(() -> queries.run(null, token, 2, other))
          .isInstanceOfSatisfying(DoppelException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CONTINUATION_FORBIDDEN);
            assertThat(e.details()).extracting(DoppelException.Detail::target).containsExactly("continuationToken");
          });
    }
  }

  @Test
  void anEditedTokenIsRefusedAsNotIssued() {
    QueryService queries = service(KEY);
    String token = queries.run(QUERY, null, 2, "c").continuationToken();
    byte[] bytes = Base64.getUrlDecoder().decode(token);
    bytes[10] ^= 1; // the page number / lease: what a forger would change
    String edited = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    assertThatThrownBy(() -> queries.run(null, edited, 2, "c"))
        .isInstanceOfSatisfying(DoppelException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
          assertThat(e.getMessage()).contains("did not issue it");
        });
  }

  @Test
  void aServiceWithTheSameKeyResumesAfterARestartAndAnotherKeyRefuses() {
    QueryService before = service(KEY);
    QueryPage first = before.run(QUERY, null, 2, "c");
    before.close();
    QueryPage resumed = service(KEY).run(null, first.continuationToken(), 2, "c");
    assertThat(resumed.value()).hasSize(2);
    byte[] other = KEY.clone();
    other[0] ^= 1;
    assertThatThrownBy(() -> service(other).run(null, first.continuationToken(), 2, "c"))
        .isInstanceOfSatisfying(DoppelException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
  }
}
