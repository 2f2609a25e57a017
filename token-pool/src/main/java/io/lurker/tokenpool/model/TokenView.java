package io.lurker.tokenpool.model;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A stored token without its material, for listings and metrics.
 *
 * @param keyId      id of the encryption key its material is stored under (rotation progress)
 * @param generation incremented each time the material is replaced; a stale lease's 401 does
 *                   not invalidate a newer generation
 */
public record TokenView(String id, TokenKind kind, String clientId, Optional<String> userId, Optional<String> login,
                        Set<String> scopes, Optional<Instant> expiresAt, TokenState state, BucketKey bucket,
                        boolean hasRefreshToken, String keyId, long generation, Instant updatedAt) {
}
