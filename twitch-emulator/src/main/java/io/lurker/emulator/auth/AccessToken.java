package io.lurker.emulator.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An issued access token. {@code userId} is null for app tokens. {@link #toString()} never
 * shows the token itself.
 */
public final class AccessToken {

    private final String value;
    private final String clientId;
    private final String userId;
    private final String login;
    private final List<String> scopes;
    private final Instant expiresAt;
    private volatile boolean revoked;

    AccessToken(String value, String clientId, String userId, String login, List<String> scopes, Instant expiresAt) {
        this.value = value;
        this.clientId = clientId;
        this.userId = userId;
        this.login = login;
        this.scopes = List.copyOf(scopes);
        this.expiresAt = expiresAt;
    }

    public String value() {
        return value;
    }

    public String clientId() {
        return clientId;
    }

    public String userId() {
        return userId;
    }

    public String login() {
        return login;
    }

    public List<String> scopes() {
        return scopes;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public boolean isUserToken() {
        return userId != null;
    }

    public boolean revoked() {
        return revoked;
    }

    void revoke() {
        revoked = true;
    }

    public boolean usableAt(Instant now) {
        return !revoked && now.isBefore(expiresAt);
    }

    public long expiresInSeconds(Instant now) {
        return Math.max(0, Duration.between(now, expiresAt).toSeconds());
    }

    /** The rate-limit bucket this token spends: {@code app:<client>} or {@code user:<client>:<user>}. */
    public String bucket() {
        return userId == null ? "app:" + clientId : "user:" + clientId + ":" + userId;
    }

    @Override
    public String toString() {
        return "AccessToken[client=" + clientId + ", user=" + userId + ", expiresAt=" + expiresAt + ", revoked=" + revoked + "]";
    }
}
