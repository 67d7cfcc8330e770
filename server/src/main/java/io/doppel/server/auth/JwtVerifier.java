package io.doppel.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.text.ParseException;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a JWT bearer token: signature against the configured keys (asymmetric algorithms only, so a token signed
 * with the public key as an HMAC secret is refused), {@code iss}, {@code aud}, {@code exp} and {@code nbf} (with the
 * configured skew); the subject and roles become the {@link Principal}.
 */
public final class JwtVerifier {
  private static final Set<JWSAlgorithm> ALGORITHMS = new HashSet<>();

  static {
    ALGORITHMS.addAll(JWSAlgorithm.Family.RSA);
    ALGORITHMS.addAll(JWSAlgorithm.Family.EC);
    ALGORITHMS.add(JWSAlgorithm.EdDSA);
  }

  private final JwtConfig config;
  private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

  public JwtVerifier(JwtConfig config) {
    this.config = config;
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, source(config)));
    DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(config.audience(),
        new JWTClaimsSet.Builder().issuer(config.issuer()).build(), Set.of("sub", "exp"));
    claims.setMaxClockSkew((int) Math.min(Integer.MAX_VALUE, config.clockSkew().toSeconds()));
    processor.setJWTClaimsSetVerifier(claims);
  }

  /** The caller the token names; {@link AuthFailure} 401 saying why when it is not acceptable. */
  public Principal verify(String token) {
    JWTClaimsSet claims;
    try {
      claims = processor.process(token, null);
    } catch (ParseException e) {
      throw AuthFailure.unauthorized("the bearer token is neither an API key nor a JWT");
    } catch (BadJOSEException e) {
      throw AuthFailure.unauthorized("JWT rejected: " + e.getMessage());
    } catch (JOSEException e) {
      throw AuthFailure.unauthorized("JWT could not be verified: " + e.getMessage());
    }
    return new Principal("jwt:" + claims.getSubject(), Principal.Kind.JWT, roles(claims));
  }

  private Set<String> roles(JWTClaimsSet claims) {
    Object value = claims.getClaims();
    for (String part : config.rolesClaim().split("\\.")) {
      value = value instanceof Map<?, ?> map ? map.get(part) : null;
    }
    Set<String> roles = new LinkedHashSet<>();
    if (value instanceof List<?> list) {
      list.forEach(r -> roles.add(String.valueOf(r)));
    } else if (value instanceof String text) {
      for (String r : text.trim().split("\\s+")) {
        if (!r.isEmpty()) {
          roles.add(r);
        }
      }
    }
    return roles;
  }

  private static JWKSource<SecurityContext> source(JwtConfig config) {
    try {
      if (config.jwksUrl() != null) {
        return JWKSourceBuilder.create(config.jwksUrl().toURL()).build();
      }
      if (config.jwksFile() != null) {
        return new ImmutableJWKSet<>(JWKSet.load(config.jwksFile().toFile()));
      }
      JWK key = JWK.parseFromPEMEncodedObjects(Files.readString(config.pemKey()));
      return new ImmutableJWKSet<>(new JWKSet(key));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the JWT signing keys: " + e.getMessage(), e);
    } catch (ParseException | JOSEException e) {
      throw new IllegalArgumentException("the JWT signing keys are not a valid JWKS or PEM key: " + e.getMessage(),
          e);
    }
  }
}
