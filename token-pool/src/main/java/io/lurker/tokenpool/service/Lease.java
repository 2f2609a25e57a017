package io.lurker.tokenpool.service;

import io.lurker.tokenpool.model.BucketKey;
import io.lurker.tokenpool.model.RateLimitHeaders;
import io.lurker.tokenpool.model.TokenKind;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * One point of one bucket, taken with one token. The caller sends its request with
 * {@link #accessToken()} and {@link #clientId()}, then reports the answer: {@link #report}
 * (or {@link #observe}, {@link #exhausted}, {@link #invalid}). The decrypted token lives only
 * in this object; {@code toString} redacts it.
 */
public final class Lease {

    private final TokenPool pool;
    private final String tokenId;
    private final BucketKey bucket;
    private final String accessToken;
    private final long generation;
    private final Instant leasedAt;
    private final double pointsLeft;
    private final Set<String> scopes;
    private final Optional<Instant> expiresAt;

    Lease(TokenPool pool, String tokenId, BucketKey bucket, String accessToken, long generation, Instant leasedAt,
          double pointsLeft, Set<String> scopes, Optional<Instant> expiresAt) {
        this.pool = pool;
        this.tokenId = tokenId;
        this.bucket = bucket;
        this.accessToken = accessToken;
        this.generation = generation;
        this.leasedAt = leasedAt;
        this.pointsLeft = pointsLeft;
        this.scopes = scopes;
        this.expiresAt = expiresAt;
    }

    /** The opaque id of the token (not the token). */
    public String tokenId() {
        return tokenId;
    }

    public BucketKey bucket() {
        return bucket;
    }

    /** The {@code Client-Id} to send with the token: the client that minted it. */
    public String clientId() {
        return bucket.clientId();
    }

    public TokenKind kind() {
        return bucket.kind();
    }

    public Optional<String> userId() {
        return bucket.userId();
    }

    /** The decrypted access token. Never log it. */
    public String accessToken() {
        return accessToken;
    }

    /** {@code Bearer <token>}, the Helix {@code Authorization} header value. */
    public String authorization() {
        return "Bearer " + accessToken;
    }

    public Set<String> scopes() {
        return scopes;
    }

    public Optional<Instant> expiresAt() {
        return expiresAt;
    }

    /** Redis time at which the point was taken. */
    public Instant leasedAt() {
        return leasedAt;
    }

    /** The bucket's estimated points right after this lease. */
    public double pointsLeft() {
        return pointsLeft;
    }

    /** The generation of the token's material when leased (see {@code TokenView.generation}). */
    public long generation() {
        return generation;
    }

    /** Syncs the bucket with the answer's {@code Ratelimit-*} headers (they can only lower it). */
    public Uni<Void> observe(RateLimitHeaders headers) {
        return pool.observe(bucket, headers, leasedAt.toEpochMilli());
    }

    /** Twitch answered 429: no lease on this bucket until {@code reset} (from {@code Ratelimit-Reset}). */
    public Uni<Instant> exhausted(Optional<Instant> reset) {
        return pool.exhausted(bucket, reset);
    }

    /** Twitch answered 401: the token is marked invalid unless auth-service replaced it since this lease. */
    public Uni<Boolean> invalid() {
        return pool.invalid(tokenId, generation);
    }

    /**
     * Reports an answer in one call: 429 → {@link #exhausted}, 401 → {@link #invalid} and
     * {@link #observe}, anything else → {@link #observe}.
     */
    public Uni<Void> report(int status, RateLimitHeaders headers) {
        if (status == 429) {
            return exhausted(headers.reset()).replaceWithVoid();
        }
        if (status == 401) {
            return invalid().chain(() -> observe(headers));
        }
        return observe(headers);
    }

    @Override
    public String toString() {
        return "Lease[token=" + tokenId + ", bucket=" + bucket + ", accessToken=<redacted>, leasedAt=" + leasedAt + "]";
    }
}
