package io.lurker.auth.tokens;

import io.lurker.auth.twitch.TwitchAuthException;
import io.lurker.tokenpool.problem.ProblemException;
import io.lurker.tokenpool.problem.ProblemType;
import java.util.Map;

/** Twitch's auth errors as problems: what Twitch refused is a 422 carrying its reason; failures are 502. */
public final class TwitchProblems {

    private TwitchProblems() {
    }

    public static Throwable translate(Throwable e, String what) {
        if (e instanceof TwitchAuthException twitch) {
            if (twitch.refused()) {
                return new ProblemException(ProblemType.UNPROCESSABLE, 422, "Twitch refused " + what + ": " + twitch.reason(),
                        Map.of("twitchStatus", twitch.status(), "twitchReason", twitch.reason()));
            }
            return new ProblemException(ProblemType.UPSTREAM_ERROR, 502, "Twitch's auth endpoint failed: " + twitch.reason(),
                    Map.of("twitchStatus", twitch.status()));
        }
        return e;
    }
}
