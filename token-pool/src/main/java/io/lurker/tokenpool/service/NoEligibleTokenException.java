package io.lurker.tokenpool.service;

import io.lurker.tokenpool.model.TokenRequirements;
import io.lurker.tokenpool.problem.ProblemException;
import io.lurker.tokenpool.problem.ProblemType;

/**
 * No stored token meets the requirements, or every one that does is invalid: waiting would
 * not help, so the lease fails at once (503). auth-service must add or repair a token.
 */
public class NoEligibleTokenException extends ProblemException {

    private final boolean allInvalid;

    public NoEligibleTokenException(TokenRequirements requirements, boolean allInvalid) {
        super(ProblemType.UNAVAILABLE, 503, allInvalid
                ? "Every stored " + requirements.describe() + " is invalid; auth-service must renew one"
                : "No " + requirements.describe() + " is stored in the token pool");
        this.allInvalid = allInvalid;
    }

    /** True when matching tokens exist but all are invalid; false when none exists. */
    public boolean allInvalid() {
        return allInvalid;
    }
}
