package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.doppel.server.auth.AuthConfig;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A query continuation token is good only for the principal and tenant it was issued to: another key, the same key's
 * holder in another tenant, or an edited token are refused naming {@code continuationToken}; the rightful caller
 * pages on, also after a restart (the sealing key is kept in the auth store).
 */
class ContinuationBindingApiTest {
  private static final String ADMIN_KEY = "admin-key-for-tests-0123456789";
  private static final String QUERY = "{\"query\":\"SELECT * FROM DIGITALTWINS\"}";

  private static void seed(Http admin, String... tenant) {
    assertThat(admin.post("/models", """
        [{"@context":"dtmi:dtdl:context;3","@id":"dtmi:test:Room;1","@type":"Interface",
          "contents":[{"@type":"Property","name":"t","schema":"double"}]}]""", tenant).status()).isEqualTo(201);
    for (int i = 0; i < 5; i++) {
      assertThat(admin.put("/digitaltwins/r" + i, "{\"$metadata\":{\"$model\":\"dtmi:test:Room;1\"},\"t\":" + i + "}",
          tenant).status()).isEqualTo(200);
    }
    assertThat(admin.put("/auth/policies/readers", "{\"roles\":[\"reader\"],\"actions\":[\"read\",\"query\"]}",
        tenant).status()).isEqualTo(200);
  }

  private static String firstToken(Http caller, String... headers) {
    Http.Response first = caller.post("/query", QUERY, headers("max-items-per-page", "2", headers));
    assertThat(first.status()).as(first.text()).isEqualTo(200);
    String token = first.json().path("continuationToken").asText(null);
    assertThat(token).isNotNull();
    return token;
  }

  private static String[] headers(String name, String value, String... more) {
    String[] all = new String[more.length + 2];
    all[0] = name;
    all[1] = value;
    System.arraycopy(more, 0, all, 2, more.length);
    return all;
  }

  private static Http.Response next(Http caller, String token, String... headers) {
    return caller.post("/query", "{\"continuationToken\":\"" + token + "\"}", headers("max-items-per-page", "2",
        headers));
  }

  @Test
  void anotherCallerGets403NamingTheTokenAndTheOwnerPagesOn() throws Exception {
    TestServer.test(c -> c.withAuth(AuthConfig.required(ADMIN_KEY)), (server, http) -> {
      Http admin = http.withHeader("Authorization", "Bearer " + ADMIN_KEY);
      seed(admin);
      Http alice = http.withHeader("Authorization", "Bearer " + RouteAccessTest.key(admin, "reader"));
      Http bob = http.withHeader("Authorization", "Bearer " + RouteAccessTest.key(admin, "reader"));
      String token = firstToken(alice);

      for (Http other : new Http[] {bob, admin}) {
        Http.Response refused = next(other, token);
        assertThat(refused.status()).as(refused.text()).isEqualTo(403);
        assertThat(refused.errorCode()).isEqualTo("CONTINUATION_FORBIDDEN");
        assertThat(refused.targets()).contains("continuationToken");
        Http.Response byUrl = other.get("/query?continuationToken=" + token);
        assertThat(byUrl.errorCode()).isEqualTo("CONTINUATION_FORBIDDEN");
      }
      Http.Response second = next(alice, token);
      assertThat(second.status()).as(second.text()).isEqualTo(200);
      assertThat(second.json().path("value").size()).isEqualTo(2);
    });
  }

  @Test
  void aTokenIsBoundToItsTenantEvenForThePlatformAdmin() throws Exception {
    TestServer.test(c -> c.withAuth(AuthConfig.required(ADMIN_KEY)), (server, http) -> {
      Http admin = http.withHeader("Authorization", "Bearer " + ADMIN_KEY);
      for (String tenant : new String[] {"acme", "globex"}) {
        assertThat(admin.put("/tenants/" + tenant, "").status()).isEqualTo(201);
        seed(admin, "Doppel-Tenant", tenant);
      }
      String token = firstToken(admin, "Doppel-Tenant", "acme");
      Http.Response across = next(admin, token, "Doppel-Tenant", "globex");
      assertThat(across.status()).as(across.text()).isEqualTo(403);
      assertThat(across.errorCode()).isEqualTo("CONTINUATION_FORBIDDEN");
      assertThat(next(admin, token, "Doppel-Tenant", "acme").status()).isEqualTo(200);
    });
  }

  @Test
  void anEditedTokenIsRefusedAsNotIssued() throws Exception {
    TestServer.test(c -> c.withAuth(AuthConfig.required(ADMIN_KEY)), (server, http) -> {
      Http admin = http.withHeader("Authorization", "Bearer " + ADMIN_KEY);
      seed(admin);
      byte[] bytes = Base64.getUrlDecoder().decode(firstToken(admin));
      bytes[12] ^= 1; // the page number
      Http.Response forged = next(admin, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
      assertThat(forged.status()).as(forged.text()).isEqualTo(400);
      assertThat(forged.errorCode()).isEqualTo("INVALID_ARGUMENT");
      assertThat(forged.targets()).contains("continuationToken");
    });
  }

  @Test
  void theOwnerPagesOnAfterARestart(@TempDir Path dir) throws Exception {
    String[] key = new String[1];
    String[] token = new String[1];
    TestServer.test(c -> c.withAuth(AuthConfig.required(ADMIN_KEY)).withDataDir(dir), (server, http) -> {
      Http admin = http.withHeader("Authorization", "Bearer " + ADMIN_KEY);
      seed(admin);
      key[0] = RouteAccessTest.key(admin, "reader");
      token[0] = firstToken(http.withHeader("Authorization", "Bearer " + key[0]));
    });
    TestServer.test(c -> c.withAuth(AuthConfig.required(ADMIN_KEY)).withDataDir(dir), (server, http) -> {
      Http.Response resumed = next(http.withHeader("Authorization", "Bearer " + key[0]), token[0]);
      assertThat(resumed.status()).as(resumed.text()).isEqualTo(200);
      assertThat(resumed.json().path("value").size()).isEqualTo(2);
    });
  }
}
