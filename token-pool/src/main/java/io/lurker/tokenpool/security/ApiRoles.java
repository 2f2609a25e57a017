package io.lurker.tokenpool.security;

/**
 * The roles a Lurker API token (a JWT signed by auth-service) carries in its {@code groups}
 * claim. Each endpoint names the roles it admits; no role implies another.
 */
public final class ApiRoles {

    /** Management: credentials, tokens, watchlist changes, hash registry, erasure. */
    public static final String ADMIN = "admin";
    /** Analytics and typed APIs, the Helix proxy. */
    public static final String READ = "read";
    /** Service to service calls. */
    public static final String INTERNAL = "internal";

    /** The issuer every service expects ({@code mp.jwt.verify.issuer}). */
    public static final String ISSUER = "lurker";

    private ApiRoles() {
    }
}
