package io.lurker.tokenpool.model;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What Twitch rate-limits: {@code app:<client_id>} for every app token of a client id, and
 * {@code user:<client_id>:<user_id>} for a user's tokens of that client.
 */
public record BucketKey(TokenKind kind, String clientId, Optional<String> userId) {

    /** Client ids and user ids as Twitch issues them; the colon separates key parts. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,100}");

    public BucketKey {
        Objects.requireNonNull(kind, "kind");
        checkId("client id", clientId);
        userId = userId == null ? Optional.empty() : userId;
        userId.ifPresent(id -> checkId("user id", id));
        if (kind == TokenKind.USER && userId.isEmpty()) {
            throw new IllegalArgumentException("A user bucket needs a user id");
        }
        if (kind == TokenKind.APP && userId.isPresent()) {
            throw new IllegalArgumentException("An app bucket has no user id");
        }
    }

    public static BucketKey app(String clientId) {
        return new BucketKey(TokenKind.APP, clientId, Optional.empty());
    }

    public static BucketKey user(String clientId, String userId) {
        return new BucketKey(TokenKind.USER, clientId, Optional.of(userId));
    }

    /** Parses {@code app:<client_id>} or {@code user:<client_id>:<user_id>}. */
    public static BucketKey parse(String value) {
        String[] parts = value == null ? new String[0] : value.split(":", -1);
        if (parts.length == 2 && "app".equals(parts[0])) {
            return app(parts[1]);
        }
        if (parts.length == 3 && "user".equals(parts[0])) {
            return user(parts[1], parts[2]);
        }
        throw new IllegalArgumentException("A bucket key reads app:<client_id> or user:<client_id>:<user_id>, not '" + value + "'");
    }

    /** Throws {@link IllegalArgumentException} unless the value can be a client or user id. */
    public static String checkId(String what, String value) {
        if (value == null || !ID.matcher(value).matches()) {
            throw new IllegalArgumentException("The " + what + " must be 1-100 characters of [A-Za-z0-9_.-]");
        }
        return value;
    }

    @Override
    public String toString() {
        return kind == TokenKind.APP ? "app:" + clientId : "user:" + clientId + ":" + userId.orElseThrow();
    }
}
