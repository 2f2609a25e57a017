package io.lurker.tokenpool.model;

import java.time.Instant;
import java.util.Optional;

/**
 * A bucket as the pool models it right now, for metrics and the admin API.
 *
 * @param pointsLeft   the pool's conservative estimate, refilled to now
 * @param fullAt       when the estimate reaches {@code limit} if nothing is leased meanwhile
 * @param blockedUntil after a 429: no lease before this instant
 * @param lastReset    the last {@code Ratelimit-Reset} observed from Twitch
 * @param tokens       tokens that belong to the bucket, in any state
 * @param leased       points leased since the bucket was created
 * @param throttled    429 answers reported since the bucket was created
 */
public record BucketView(BucketKey key, int limit, double pointsLeft, Instant fullAt, Optional<Instant> blockedUntil,
                         Optional<Instant> lastReset, int tokens, long leased, long throttled) {
}
