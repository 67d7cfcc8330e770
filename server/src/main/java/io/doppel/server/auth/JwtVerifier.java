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
    processor.setJWSKeySelector(config.pemKey() != null ? pemSelector(config)
        : new JWSVerificationKeySelector<>(ALGORITHMS, source(config)));
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
    return new Principal("jwt:" + claims.getSubject(), Principal.Kind.JWT, roles(claims), tenant(claims));
  }

  /** The tenant claim's value; 403 when it is missing (and no default is configured) or not a tenant name. */
  private String tenant(JWTClaimsSet claims) {
    String claim = config.tenantClaim();
    if (claim == null) {
      return TenantName.DEFAULT;
    }
    Object value = claim(claims, claim);
    if (value == null || (value instanceof String text && text.isBlank())) {
      if (config.defaultTenant() != null) {
        return config.defaultTenant();
      }
      throw new AuthFailure(AuthFailure.Kind.TENANT_CLAIM_MISSING, "the JWT of " + claims.getSubject()
          + " has no '" + claim + "' claim naming its tenant");
    }
    if (!(value instanceof String text) || !TenantName.valid(text)) {
      throw new AuthFailure(AuthFailure.Kind.TENANT_FORBIDDEN, "the JWT's '" + claim + "' claim is not a tenant"
          + " name ([a-z0-9][a-z0-9-]*)");
    }
    return text;
  }

  private static @org.jspecify.annotations.Nullable Object claim(JWTClaimsSet claims, String path) {
    Object value = claims.getClaims();
    for (String part : path.split("\\.")) {
      value = value instanceof Map<?, ?> map ? map.get(part) : null;
    }
    return value;
  }

  private Set<String> roles(JWTClaimsSet claims) {
    Object value = claim(claims, config.rolesClaim());
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

  /**
   * One configured key signs every token, whatever {@code kid} the token names (a PEM key has none); the algorithm
   * must still be asymmetric and of the key's family.
   */
  private static com.nimbusds.jose.proc.JWSKeySelector<SecurityContext> pemSelector(JwtConfig config) {
    java.security.PublicKey key;
    try {
      JWK jwk = pemPublicKey(Files.readString(config.pemKey()));
      key = jwk instanceof com.nimbusds.jose.jwk.RSAKey rsa ? rsa.toPublicKey()
          : ((com.nimbusds.jose.jwk.ECKey) jwk).toPublicKey();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the JWT signing key: " + e.getMessage(), e);
    } catch (JOSEException e) {
      throw new IllegalArgumentException("the JWT signing key is not a PEM public key: " + e.getMessage(), e);
    }
    boolean rsa = key instanceof java.security.interfaces.RSAPublicKey;
    return (header, context) -> ALGORITHMS.contains(header.getAlgorithm())
        && (rsa ? JWSAlgorithm.Family.RSA : JWSAlgorithm.Family.EC).contains(header.getAlgorithm())
        ? List.of(key) : List.of();
  }

  /** A {@code BEGIN PUBLIC KEY} (X.509 SubjectPublicKeyInfo) RSA or EC key, read with the JDK alone. */
  static JWK pemPublicKey(String pem) throws JOSEException {
    String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    java.security.spec.X509EncodedKeySpec spec;
    try {
      spec = new java.security.spec.X509EncodedKeySpec(java.util.Base64.getDecoder().decode(base64));
    } catch (IllegalArgumentException e) {
      throw new JOSEException("not a PEM public key (BEGIN PUBLIC KEY): " + e.getMessage(), e);
    }
    for (String algorithm : new String[] {"RSA", "EC"}) {
      try {
        java.security.PublicKey key = java.security.KeyFactory.getInstance(algorithm).generatePublic(spec);
        if (key instanceof java.security.interfaces.RSAPublicKey rsa) {
          return new com.nimbusds.jose.jwk.RSAKey.Builder(rsa).build();
        }
        if (key instanceof java.security.interfaces.ECPublicKey ec) {
          return new com.nimbusds.jose.jwk.ECKey.Builder(
              com.nimbusds.jose.jwk.Curve.forECParameterSpec(ec.getParams()), ec).build();
        }
      } catch (java.security.GeneralSecurityException e) {
        // try the next algorithm
      }
    }
    throw new JOSEException("the PEM key is neither an RSA nor an EC public key");
  }

  private static JWKSource<SecurityContext> source(JwtConfig config) {
    try {
      if (config.jwksUrl() != null) {
        return JWKSourceBuilder.create(config.jwksUrl().toURL()).build();
      }
      if (config.jwksFile() != null) {
        return new ImmutableJWKSet<>(JWKSet.load(config.jwksFile().toFile()));
      }
      throw new IllegalStateException("a PEM key has its own selector");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the JWT signing keys: " + e.getMessage(), e);
    } catch (ParseException e) {
      throw new IllegalArgumentException("the JWT signing keys are not a valid JWKS: " + e.getMessage(), e);
    }
  }
}
