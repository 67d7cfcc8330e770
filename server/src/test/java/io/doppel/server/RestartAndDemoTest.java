package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestartAndDemoTest {

  @Test
  void keepsModelsTwinsAndRelationshipsAcrossARestart(@TempDir Path dir) throws Exception {
    TestServer.test(c -> c.withDataDir(dir), (server, http) -> {
      Fixtures.uploadModels(http);
      Fixtures.createRoom(http, "room-1", 20);
      Fixtures.createDevice(http, "dev-1");
      Fixtures.contains(http, "room-1", "r1", "dev-1");
      http.patch("/digitaltwins/room-1", "[{\"op\":\"replace\",\"path\":\"/temperature\",\"value\":25.5}]");
    });
    TestServer.test(c -> c.withDataDir(dir), (server, http) -> {
      assertThat(http.get("/models/" + Http.enc(Fixtures.ROOM)).status()).isEqualTo(200);
      assertThat(http.get("/digitaltwins/room-1").json().path("temperature").asDouble()).isEqualTo(25.5);
      assertThat(http.get("/digitaltwins/room-1/relationships/r1").json().path("$targetId").asText())
          .isEqualTo("dev-1");
    });
  }

  @Test
  void loadsTheDemoOnceAndSkipsItOnRestart(@TempDir Path dir) throws Exception {
    long[] twins = new long[1];
    TestServer.test(c -> c.withDataDir(dir).withDemo(true), (server, http) -> {
      var demo = server.demo();
      assertThat(demo).isNotNull();
      assertThat(demo.packs()).contains("software-platform", "factory");
      assertThat(demo.models()).isPositive();
      assertThat(demo.twins()).isPositive();
      assertThat(demo.relationships()).isPositive();
      twins[0] = http.get("/health").json().path("twinCount").asLong();
      assertThat(twins[0]).isEqualTo(demo.twins());
    });
    TestServer.test(c -> c.withDataDir(dir).withDemo(true), (server, http) -> {
      var demo = server.demo();
      assertThat(demo).isNotNull();
      assertThat(demo.models() + demo.twins() + demo.relationships()).isZero();
      assertThat(http.get("/health").json().path("twinCount").asLong()).isEqualTo(twins[0]);
    });
  }
}
