package io.lurker.tokenpool.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A token as auth-service hands it to the pool: the plaintext access (and refresh) token,
 * which the pool encrypts before it reaches Redis. With an {@code id} it replaces that token
 * (after a refresh); without one the pool assigns a new opaque id. {@code toString} redacts
 * the token material.
 *
 * @param expiresAt when Twitch stops accepting the access token; empty for tokens that do not expire
 * @param login     the user's login, for display (user tokens)
 */
public record NewToken(Optional<String> id, TokenKind kind, String clientId, Optional<String> userId,
                       Optional<String> login, Set<String> scopes, Optional<Instant> expiresAt,
                       String accessToken, Optional<String> refreshToken) {

    public NewToken {
        id = id == null ? Optional.empty() : id;
        id.ifPresent(value -> BucketKey.checkId("token id", value));
        Objects.requireNonNull(kind, "kind");
        userId = userId == null ? Optional.empty() : userId;
        login = login == null ? Optional.empty() : login;
        scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
        expiresAt = expiresAt == null ? Optional.empty() : expiresAt;
        refreshToken = refreshToken == null ? Optional.empty() : refreshToken;
        if (accessToken == null || accessToken.isBlank()) {
            throw new IllegalArgumentException("The access token is empty");
        }
        // validates client id, user id and their combination with the kind
        new BucketKey(kind, clientId, userId);
        new TokenRequirements(Optional.of(kind), Optional.of(clientId), userId, scopes, 1);
    }

    public static NewToken app(String clientId, String accessToken, Instant expiresAt) {
        return new NewToken(Optional.empty(), TokenKind.APP, clientId, Optional.empty(), Optional.empty(), Set.of(),
                Optional.ofNullable(expiresAt), accessToken, Optional.empty());
    }

    public static NewToken user(String clientId, String userId, String accessToken, String refreshToken,
                                Instant expiresAt, Set<String> scopes) {
        return new NewToken(Optional.empty(), TokenKind.USER, clientId, Optional.of(userId), Optional.empty(), scopes,
                Optional.ofNullable(expiresAt), accessToken, Optional.ofNullable(refreshToken));
    }

    /** The same token under this id: replaces the stored token of that id. */
    public NewToken withId(String value) {
        return new NewToken(Optional.of(value), kind, clientId, userId, login, scopes, expiresAt, accessToken, refreshToken);
    }

    public NewToken withLogin(String value) {
        return new NewToken(id, kind, clientId, userId, Optional.ofNullable(value), scopes, expiresAt, accessToken, refreshToken);
    }

    public BucketKey bucket() {
        return new BucketKey(kind, clientId, userId);
    }

    @Override
    public String toString() {
        return "NewToken[id=" + id.orElse("(new)") + ", bucket=" + bucket() + ", login=" + login.orElse("")
                + ", scopes=" + new TreeSet<>(scopes) + ", expiresAt=" + expiresAt.map(Instant::toString).orElse("never")
                + ", accessToken=<redacted>, refreshToken=" + (refreshToken.isPresent() ? "<redacted>" : "none") + "]";
    }
}
