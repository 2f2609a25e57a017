package io.lurker.tokenpool.model;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a caller needs of a leased token: its kind (empty = app or user), optionally a client
 * id, a user id and scopes the token must carry, and how many points the call costs (1 for
 * almost every Helix endpoint). Equal requirements share one wait queue.
 *
 * <pre>
 * TokenRequirements.app()                                  // any app token
 * TokenRequirements.app().clientId("abc")                  // an app token of client abc
 * TokenRequirements.user("abc", "1234").scopes("moderator:read:followers")
 * </pre>
 */
public record TokenRequirements(Optional<TokenKind> kind, Optional<String> clientId, Optional<String> userId,
                                Set<String> scopes, int cost) {

    private static final Pattern SCOPE = Pattern.compile("[A-Za-z0-9_:.-]{1,100}");

    public TokenRequirements {
        kind = kind == null ? Optional.empty() : kind;
        clientId = clientId == null ? Optional.empty() : clientId;
        userId = userId == null ? Optional.empty() : userId;
        clientId.ifPresent(id -> BucketKey.checkId("client id", id));
        userId.ifPresent(id -> BucketKey.checkId("user id", id));
        scopes = scopes == null ? Set.of() : Set.copyOf(new TreeSet<>(scopes));
        for (String scope : scopes) {
            if (!SCOPE.matcher(scope).matches()) {
                throw new IllegalArgumentException("A scope must be 1-100 characters of [A-Za-z0-9_:.-]");
            }
        }
        if (cost < 1) {
            throw new IllegalArgumentException("The cost of a call is at least 1 point");
        }
        if (kind.equals(Optional.of(TokenKind.APP)) && userId.isPresent()) {
            throw new IllegalArgumentException("App tokens belong to no user: ask for a user token or drop the user id");
        }
    }

    /** Any usable token, app or user. */
    public static TokenRequirements any() {
        return new TokenRequirements(Optional.empty(), Optional.empty(), Optional.empty(), Set.of(), 1);
    }

    public static TokenRequirements app() {
        return any().kind(TokenKind.APP);
    }

    /** Any user token. */
    public static TokenRequirements user() {
        return any().kind(TokenKind.USER);
    }

    /** A token of this user under this client id. */
    public static TokenRequirements user(String clientId, String userId) {
        return user().clientId(clientId).userId(userId);
    }

    public TokenRequirements kind(TokenKind value) {
        return new TokenRequirements(Optional.of(value), clientId, userId, scopes, cost);
    }

    public TokenRequirements clientId(String value) {
        return new TokenRequirements(kind, Optional.of(value), userId, scopes, cost);
    }

    public TokenRequirements userId(String value) {
        return new TokenRequirements(kind, clientId, Optional.of(value), scopes, cost);
    }

    public TokenRequirements scopes(String... values) {
        return scopes(Set.of(values));
    }

    public TokenRequirements scopes(Collection<String> values) {
        return new TokenRequirements(kind, clientId, userId, Set.copyOf(values), cost);
    }

    public TokenRequirements cost(int points) {
        return new TokenRequirements(kind, clientId, userId, scopes, points);
    }

    /** A short description for error messages and logs (holds no secret). */
    public String describe() {
        StringBuilder text = new StringBuilder(kind.map(k -> k.wire() + " token").orElse("token"));
        clientId.ifPresent(id -> text.append(" of client ").append(id));
        userId.ifPresent(id -> text.append(" for user ").append(id));
        if (!scopes.isEmpty()) {
            text.append(" with scopes ").append(new TreeSet<>(scopes));
        }
        return text.toString();
    }
}
