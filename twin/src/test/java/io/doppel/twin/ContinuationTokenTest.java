package io.doppel.twin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ContinuationTokenTest {
  private TwinEngine engine;

  @BeforeEach
  void open() {
    engine = TwinEngine.inMemory();
    engine.addModels(Fixtures.models());
    for (int i = 0; i < 3; i++) {
      engine.putTwin("t" + i, Fixtures.device(Fixtures.DEVICE), Precondition.none());
    }
  }

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void refusesGarbageTokenNamingIt() {
    DoppelException e = Errors.expect(ErrorCode.INVALID_ARGUMENT, () -> engine.listTwins("bm90LWEtdG9rZW4", 2));
    assertThat(e.getMessage()).contains("bm90LWEtdG9rZW4");
    assertThat(e.details()).singleElement().satisfies(d -> assertThat(d.target()).isEqualTo("continuationToken"));
    Errors.expect(ErrorCode.INVALID_ARGUMENT, () -> engine.listTwins("***", 2));
  }

  @Test
  void refusesTamperedToken() {
    String token = engine.listTwins(null, 1).continuation();
    byte[] bytes = Base64.getUrlDecoder().decode(token);
    bytes[2] ^= 1; // the first byte of the key: "t0" becomes "u0"
    String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    DoppelException e = Errors.expect(ErrorCode.INVALID_ARGUMENT, () -> engine.listTwins(tampered, 1));
    assertThat(e.getMessage()).contains(tampered);
  }

  @Test
  void refusesTokenOfAnotherListing() {
    String twinsToken = engine.listTwins(null, 1).continuation();
    Errors.expect(ErrorCode.INVALID_ARGUMENT, () -> engine.listRelationships("t0", null, twinsToken, 1));
    Errors.expect(ErrorCode.INVALID_ARGUMENT, () -> engine.listIncomingRelationships("t0", twinsToken, 1));
  }

  @Test
  void acceptsItsOwnTokensAcrossRestarts() {
    var store = io.doppel.twin.spi.TwinStore.inMemory();
    String token;
    try (TwinEngine first = TwinEngine.open(store)) {
      first.addModels(Fixtures.models());
      first.putTwin("a", Fixtures.device(Fixtures.DEVICE), Precondition.none());
      first.putTwin("b", Fixtures.device(Fixtures.DEVICE), Precondition.none());
      token = first.listTwins(null, 1).continuation();
    }
    try (TwinEngine second = TwinEngine.open(store)) {
      assertThat(second.listTwins(token, 1).items()).extracting(TwinView::id).containsExactly("b");
    }
  }
}
