package io.lurker.auth.tokens;

import io.lurker.tokenpool.model.BucketView;
import io.lurker.tokenpool.model.CredentialView;
import io.lurker.tokenpool.model.TokenView;
import java.time.Instant;
import java.util.Set;

/** The JSON shapes of the admin API. None carries a secret or token material. */
public final class Views {

    private Views() {
    }

    public record Credential(String clientId, String keyId, Instant updatedAt) {
        public static Credential of(CredentialView view) {
            return new Credential(view.clientId(), view.keyId(), view.updatedAt());
        }
    }

    public record RegisteredCredential(String clientId, String tokenId, Instant tokenExpiresAt) {
    }

    public record Token(String id, String kind, String clientId, String userId, String login, Set<String> scopes,
                        Instant expiresAt, String state, String bucket, boolean hasRefreshToken, String keyId,
                        long generation, Instant updatedAt) {
        public static Token of(TokenView v) {
            return new Token(v.id(), v.kind().name().toLowerCase(), v.clientId(), v.userId().orElse(null), v.login().orElse(null),
                    v.scopes(), v.expiresAt().orElse(null), v.state().name().toLowerCase(), v.bucket().toString(),
                    v.hasRefreshToken(), v.keyId(), v.generation(), v.updatedAt());
        }
    }

    public record Bucket(String bucket, int limit, double pointsLeft, Instant fullAt, Instant blockedUntil, Instant lastReset,
                         int tokens, long leased, long throttled) {
        public static Bucket of(BucketView b) {
            return new Bucket(b.key().toString(), b.limit(), b.pointsLeft(), b.fullAt(), b.blockedUntil().orElse(null),
                    b.lastReset().orElse(null), b.tokens(), b.leased(), b.throttled());
        }
    }
}
