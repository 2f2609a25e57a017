package io.lurker.tokenpool.repository;

import io.lurker.tokenpool.problem.ProblemException;
import io.lurker.tokenpool.problem.ProblemType;

/**
 * The pool's Redis cannot be reached, answered too slowly or refused service (loading,
 * read-only replica). A {@link ProblemException}, so services answer 503 problem+json
 * without code of their own; the pool recovers by itself once Redis is back.
 */
public class TokenPoolUnavailableException extends ProblemException {

    public TokenPoolUnavailableException(String detail, Throwable cause) {
        super(ProblemType.UNAVAILABLE, 503, detail, null, cause);
    }
}
