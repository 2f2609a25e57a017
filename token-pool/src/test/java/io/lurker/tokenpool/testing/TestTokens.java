package io.lurker.tokenpool.testing;

import io.lurker.tokenpool.security.ApiRoles;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Lurker API tokens for tests, signed with the test key pair shipped in this test-jar
 * ({@code lurker-test-private.pem} / {@code lurker-test-public.pem}). Services verify them
 * in the {@code %test} profile with {@code mp.jwt.verify.publickey.location=lurker-test-public.pem}.
 * The key pair protects nothing: it exists only for tests.
 */
public final class TestTokens {

    private static volatile PrivateKey key;

    private TestTokens() {
    }

    /** A token valid for an hour carrying the given roles. */
    public static String withRoles(String... roles) {
        return sign(UUID.randomUUID().toString(), Instant.now().plusSeconds(3600), roles);
    }

    public static String admin() {
        return withRoles(ApiRoles.ADMIN);
    }

    public static String read() {
        return withRoles(ApiRoles.READ);
    }

    public static String internal() {
        return withRoles(ApiRoles.INTERNAL);
    }

    /** A token whose expiry passed a minute ago. */
    public static String expired(String... roles) {
        return sign(UUID.randomUUID().toString(), Instant.now().minusSeconds(60), roles);
    }

    /** A token with a chosen id ({@code jti}), for revocation tests. */
    public static String withId(String jti, String... roles) {
        return sign(jti, Instant.now().plusSeconds(3600), roles);
    }

    private static String sign(String jti, Instant expiresAt, String... roles) {
        Instant issuedAt = expiresAt.isBefore(Instant.now()) ? expiresAt.minusSeconds(3600) : Instant.now();
        return Jwt.issuer(ApiRoles.ISSUER)
                .subject("test")
                .claim("jti", jti)
                .groups(Set.of(roles))
                .issuedAt(issuedAt)
                .expiresAt(expiresAt)
                .jws().keyId("test")
                .sign(privateKey());
    }

    private static PrivateKey privateKey() {
        if (key == null) {
            try {
                key = KeyUtils.readPrivateKey("lurker-test-private.pem");
            } catch (Exception e) {
                throw new IllegalStateException("test key lurker-test-private.pem not on the classpath", e);
            }
        }
        return key;
    }
}
