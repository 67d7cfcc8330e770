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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JWT bearer tokens against a JWKS file: the good one passes, and each way of being wrong is a 401. */
class JwtAuthTest {
  private static final String ADMIN_KEY = "admin-key-for-tests-0123456789";
  private static RSAKey signing;
  private static RSAKey stranger;

  @BeforeAll
  static void keys() throws Exception {
    signing = new RSAKeyGenerator(2048).keyID("k1").generate();
    stranger = new RSAKeyGenerator(2048).keyID("k1").generate(); // same kid, different key
  }

  private static String token(RSAKey key, String issuer, String audience, Instant expires, Instant notBefore)
      throws Exception {
    JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("alice").issuer(issuer).audience(audience)
        .expirationTime(Date.from(expires)).notBeforeTime(Date.from(notBefore))
        .claim("realm_access", Map.of("roles", List.of("reader"))).build();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  @Test
  void checksSignatureIssuerAudienceAndTime(@TempDir Path dir) throws Exception {
    Path jwks = dir.resolve("jwks.json");
    Files.writeString(jwks, new JWKSet(signing.toPublicJWK()).toString());
    JwtConfig jwt = new JwtConfig("https://id.example", "doppel", null, jwks, null, "realm_access.roles",
        Duration.ofSeconds(30));
    TestServer.test(c -> c.withAuth(AuthConfig.required(ADMIN_KEY).withJwt(jwt)), (server, http) -> {
      Http admin = http.withHeader("Authorization", "Bearer " + ADMIN_KEY);
      assertThat(admin.put("/auth/policies/readers", "{\"roles\":[\"reader\"],\"actions\":[\"read\"]}").status())
          .isEqualTo(200);
      Instant now = Instant.now();
      Instant later = now.plusSeconds(600);
      Instant earlier = now.minusSeconds(600);
      String good = token(signing, "https://id.example", "doppel", later, earlier);
      Http.Response me = http.get("/auth/whoami", "Authorization", "Bearer " + good);
      assertThat(me.status()).as(me.text()).isEqualTo(200);
      assertThat(me.json().path("principal").asText()).isEqualTo("jwt:alice");
      assertThat(me.json().path("roles").toString()).contains("reader");
      assertThat(http.get("/auth/keys", "Authorization", "Bearer " + good).status()).isEqualTo(403);

      assertRefused(http, token(signing, "https://id.example", "doppel", earlier, earlier.minusSeconds(60)),
          "expired");
      assertRefused(http, token(signing, "https://id.example", "doppel", later.plusSeconds(600), later),
          "before use time");
      assertRefused(http, token(stranger, "https://id.example", "doppel", later, earlier), "signature");
      assertRefused(http, token(signing, "https://id.example", "someone-else", later, earlier), "audience");
      assertRefused(http, token(signing, "https://evil.example", "doppel", later, earlier), "iss");
      // within the skew: expired 10 s ago still passes with 30 s allowed
      String justExpired = token(signing, "https://id.example", "doppel", now.minusSeconds(10), earlier);
      assertThat(http.get("/auth/whoami", "Authorization", "Bearer " + justExpired).status()).isEqualTo(200);
    });
  }

  @Test
  void acceptsAPemPublicKey(@TempDir Path dir) throws Exception {
    Path pem = dir.resolve("key.pem");
    String base64 = java.util.Base64.getMimeEncoder(64, "\n".getBytes())
        .encodeToString(signing.toRSAPublicKey().getEncoded());
    Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n");
    JwtConfig jwt = new JwtConfig("https://id.example", "doppel", null, null, pem, "realm_access.roles",
        JwtConfig.DEFAULT_SKEW);
    TestServer.test(c -> c.withAuth(AuthConfig.required(ADMIN_KEY).withJwt(jwt)), (server, http) -> {
      Http admin = http.withHeader("Authorization", "Bearer " + ADMIN_KEY);
      admin.put("/auth/policies/readers", "{\"roles\":[\"reader\"],\"actions\":[\"read\"]}");
      String good = token(signing, "https://id.example", "doppel", Instant.now().plusSeconds(600),
          Instant.now().minusSeconds(600));
      assertThat(http.get("/auth/whoami", "Authorization", "Bearer " + good).status()).isEqualTo(200);
      assertRefused(http, token(stranger, "https://id.example", "doppel", Instant.now().plusSeconds(600),
          Instant.now().minusSeconds(600)), "signature");
    });
  }

  private static void assertRefused(Http http, String token, String why) {
    Http.Response response = http.get("/auth/whoami", "Authorization", "Bearer " + token);
    assertThat(response.status()).as(why + ": " + response.text()).isEqualTo(401);
    assertThat(response.json().path("error").path("message").asText().toLowerCase()).contains(why.toLowerCase());
  }
}
