package io.lurker.integrity.service;

import io.lurker.tokenpool.problem.ProblemException;
import io.lurker.tokenpool.problem.ProblemType;

/**
 * No valid integrity token right now (no capture yet, a capture in progress, or the last one
 * failed): a 503 problem that the caller may retry after {@code retryAfterSeconds}, when the next
 * capture can have ended. {@code retryAfterSeconds} is null when retrying is pointless (disabled).
 */
public class NoTokenException extends ProblemException {

    private final Long retryAfterSeconds;

    public NoTokenException(String detail, Long retryAfterSeconds) {
        super(ProblemType.UNAVAILABLE, 503, detail);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
