package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.doppel.server.auth.AuthConfig;
import io.doppel.server.auth.JwtConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A JWT's tenant comes from the configured claim; without the claim it is refused, or placed in the default. */
class TenantsJwtTest {
  private static RSAKey signing;

  @BeforeAll
  static void keys() throws Exception {
    signing = new RSAKeyGenerator(2048).keyID("k1").generate();
  }

  private static String token(String subject, @Nullable String tenant) throws Exception {
    JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(subject).issuer("https://id.example")
        .audience("doppel").expirationTime(Date.from(Instant.now().plusSeconds(600)))
        .claim("realm_access", Map.of("roles", List.of("reader")));
    if (tenant != null) {
      claims.claim("org", Map.of("tenant", tenant));
    }
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(), claims.build());
    jwt.sign(new RSASSASigner(signing));
    return jwt.serialize();
  }

  private static JwtConfig config(Path dir, @Nullable String fallback) throws Exception {
    Path jwks = dir.resolve("jwks.json");
    Files.writeString(jwks, new JWKSet(signing.toPublicJWK()).toString());
    return new JwtConfig("https://id.example", "doppel", null, jwks, null, "realm_access.roles",
        Duration.ofSeconds(30)).withTenantClaim("org.tenant", fallback);
  }

  @Test
  void theTenantClaimPlacesTheCallerAndAMissingClaimIsRefused(@TempDir Path dir) throws Exception {
    JwtConfig jwt = config(dir, null);
    TestServer.test(c -> c.withAuth(AuthConfig.required(TenantsApiTest.ADMIN_KEY).withJwt(jwt)), (server, http) -> {
      Http platform = TenantsApiTest.as(http, TenantsApiTest.ADMIN_KEY);
      Http acme = TenantsApiTest.as(http, TenantsApiTest.tenantAdmin(platform, "acme"));
      Fixtures.uploadModels(acme);
      Fixtures.createRoom(acme, "r1", 21);
      Fixtures.uploadModels(platform);
      Fixtures.createRoom(platform, "r1", 30);
      // the reader role reads in acme only where acme's policies say so
      assertThat(acme.put("/auth/policies/readers", "{\"roles\":[\"reader\"],\"actions\":[\"read\"]}").status())
          .isEqualTo(200);

      Http alice = TenantsApiTest.as(http, token("alice", "acme"));
      Http.Response me = alice.get("/auth/whoami");
      assertThat(me.status()).as(me.text()).isEqualTo(200);
      assertThat(me.json().path("tenant").asText()).isEqualTo("acme");
      assertThat(alice.get("/digitaltwins/r1").json().path("temperature").asDouble()).isEqualTo(21);
      assertThat(alice.get("/digitaltwins/r1", "Doppel-Tenant", "default").errorCode())
          .isEqualTo("TENANT_FORBIDDEN");

      Http.Response missing = TenantsApiTest.as(http, token("bob", null)).get("/digitaltwins/r1");
      assertThat(missing.status()).isEqualTo(403);
      assertThat(missing.errorCode()).isEqualTo("TENANT_CLAIM_MISSING");
      assertThat(TenantsApiTest.as(http, token("eve", "Not A Tenant")).get("/digitaltwins/r1").errorCode())
          .isEqualTo("TENANT_FORBIDDEN");
      assertThat(TenantsApiTest.as(http, token("mallory", "nowhere")).get("/digitaltwins/r1").errorCode())
          .isEqualTo("TENANT_FORBIDDEN");
    });
  }

  @Test
  void aConfiguredDefaultTenantTakesTokensWithoutTheClaim(@TempDir Path dir) throws Exception {
    JwtConfig jwt = config(dir, "default");
    TestServer.test(c -> c.withAuth(AuthConfig.required(TenantsApiTest.ADMIN_KEY).withJwt(jwt)), (server, http) -> {
      Http platform = TenantsApiTest.as(http, TenantsApiTest.ADMIN_KEY);
      Fixtures.uploadModels(platform);
      Fixtures.createRoom(platform, "r1", 30);
      platform.put("/auth/policies/readers", "{\"roles\":[\"reader\"],\"actions\":[\"read\"]}");
      Http bob = TenantsApiTest.as(http, token("bob", null));
      assertThat(bob.get("/auth/whoami").json().path("tenant").asText()).isEqualTo("default");
      assertThat(bob.get("/digitaltwins/r1").json().path("temperature").asDouble()).isEqualTo(30);
    });
  }
}
