package io.lurker.tokenpool.service;

import io.lurker.tokenpool.model.TokenRequirements;
import io.lurker.tokenpool.problem.ProblemException;
import io.lurker.tokenpool.problem.ProblemType;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * No token could be leased before the caller's deadline. {@link Reason#RATE_LIMITED}: every
 * eligible bucket is out of points (429, with {@code retryAfterSeconds} until the earliest
 * point); {@link Reason#TOKENS_PENDING}: the eligible tokens are being refreshed or have
 * expired (503). Raised as soon as the earliest point is known to come after the deadline.
 */
public class LeaseTimeoutException extends ProblemException {

    public enum Reason { RATE_LIMITED, TOKENS_PENDING }

    private final Reason reason;
    private final Duration retryAfter;

    public LeaseTimeoutException(TokenRequirements requirements, Reason reason, Duration retryAfter) {
        super(reason == Reason.RATE_LIMITED ? ProblemType.RATE_LIMITED : ProblemType.UNAVAILABLE,
                reason == Reason.RATE_LIMITED ? 429 : 503,
                reason == Reason.RATE_LIMITED
                        ? "Twitch's rate limit for every " + requirements.describe() + " is used up; the next point comes in "
                                + retryAfter.toMillis() + " ms"
                        : "Every " + requirements.describe() + " is being refreshed or has expired",
                Map.of(RETRY_AFTER_SECONDS, Math.max(1, (retryAfter.toMillis() + 999) / 1000)));
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    public Reason reason() {
        return reason;
    }

    /** When looking again may succeed (from the moment of failing). */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** Seconds for a {@code Retry-After} header. */
    public Optional<Long> retryAfterSeconds() {
        return Optional.of(Math.max(1, (retryAfter.toMillis() + 999) / 1000));
    }
}
