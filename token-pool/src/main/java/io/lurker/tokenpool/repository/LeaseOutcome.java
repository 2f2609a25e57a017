package io.lurker.tokenpool.repository;

import io.lurker.tokenpool.model.BucketKey;

/** What one run of the lease script decided. */
public sealed interface LeaseOutcome {

    /** A point was taken with this token; its access token is still encrypted. */
    record Granted(String tokenId, BucketKey bucket, String accessCiphertext, long generation, long redisNowMs,
                   double pointsLeft, String scopes, long expiresMs) implements LeaseOutcome {

        @Override
        public String toString() {
            return "Granted[token=" + tokenId + ", bucket=" + bucket + "]";
        }
    }

    /** Nothing usable now; look again after {@code delayMs}. {@code rateLimited}: buckets empty, else tokens pending. */
    record Wait(long delayMs, boolean rateLimited) implements LeaseOutcome {
    }

    /** Waiting cannot help: no matching token, or all matching tokens are invalid. */
    record None(boolean allInvalid) implements LeaseOutcome {
    }
}
