package io.doppel.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doppel.model.Dtmi;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubscriptionRequestTest {
  private static void refused(Map<String, List<String>> params, ErrorCode code, String target) {
    assertThatThrownBy(() -> SubscriptionRequest.parse(params, null))
        .isInstanceOfSatisfying(DoppelException.class, e -> {
          assertThat(e.code()).isEqualTo(code);
          assertThat(e.details()).extracting(DoppelException.Detail::target).containsExactly(target);
        });
  }

  @Test
  void readsRepeatedParametersAsAlternatives() {
    SubscriptionRequest r = SubscriptionRequest.parse(Map.of("twin", List.of("a", "b"),
        "model", List.of("dtmi:s:Asset;1"), "type", List.of("io.doppel.twin.*"), "cursor", List.of("41")), null);
    assertThat(r.filter().twins()).containsExactlyInAnyOrder("a", "b");
    assertThat(r.filter().models()).containsExactly(Dtmi.parse("dtmi:s:Asset;1"));
    assertThat(r.filter().types()).containsExactlyInAnyOrder(EventType.TWIN_CREATED, EventType.TWIN_REPLACED,
        EventType.TWIN_PATCHED, EventType.TWIN_DELETED);
    assertThat(r.cursor()).isEqualTo(41L);
  }

  @Test
  void lastEventIdWinsOverTheCursorParameter() {
    SubscriptionRequest r = SubscriptionRequest.parse(Map.of("cursor", List.of("3")), "17");
    assertThat(r.cursor()).isEqualTo(17L);
  }

  @Test
  void refusesAnUnknownParameterByName() {
    refused(Map.of("twinId", List.of("a")), ErrorCode.INVALID_ARGUMENT, "twinId");
  }

  @Test
  void refusesAMalformedModel() {
    refused(Map.of("model", List.of("Room")), ErrorCode.INVALID_ARGUMENT, "model");
  }

  @Test
  void refusesAnUnknownEventType() {
    refused(Map.of("type", List.of("io.doppel.twin.exploded")), ErrorCode.INVALID_ARGUMENT, "type");
  }

  @Test
  void refusesANegativeOrNonNumericCursorAndAnEmptyValue() {
    refused(Map.of("cursor", List.of("-1")), ErrorCode.INVALID_ARGUMENT, "cursor");
    refused(Map.of("cursor", List.of("abc")), ErrorCode.INVALID_ARGUMENT, "cursor");
    refused(Map.of("cursor", List.of("1", "2")), ErrorCode.INVALID_ARGUMENT, "cursor");
    refused(Map.of("twin", List.of("")), ErrorCode.INVALID_ARGUMENT, "twin");
    refused(Map.of("maxLag", List.of("0")), ErrorCode.INVALID_ARGUMENT, "maxLag");
  }

  @Test
  void readsAWebSocketSubscribeMessage() throws Exception {
    SubscriptionRequest r = SubscriptionRequest.fromMessage(Plant.JSON.readTree("""
        {"type": "subscribe", "filter": {"twin": ["a", "b"], "relationship": "contains"}, "cursor": 12}"""));
    assertThat(r.filter().twins()).containsExactlyInAnyOrder("a", "b");
    assertThat(r.filter().relationships()).containsExactly("contains");
    assertThat(r.cursor()).isEqualTo(12L);
  }

  @Test
  void refusesASubscribeMessageWithABadFilterValue() {
    assertThatThrownBy(() -> SubscriptionRequest.fromMessage(Plant.JSON.readTree("""
        {"type": "subscribe", "filter": {"model": 3}}""")))
        .isInstanceOfSatisfying(DoppelException.class,
            e -> assertThat(e.details()).extracting(DoppelException.Detail::target).containsExactly("model"));
    assertThatThrownBy(() -> SubscriptionRequest.fromMessage(Plant.JSON.readTree("{\"type\": \"hello\"}")))
        .isInstanceOfSatisfying(DoppelException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_JSON));
  }
}
