package io.lurker.chat.emote;

import java.time.Instant;

/**
 * The last good copy of a set and what happened since.
 *
 * @param fetchedAt     when {@code set} was fetched
 * @param lastFailureAt the last failed fetch, null when none was recorded (may be older than fetchedAt)
 * @param lastFailure   why that fetch failed
 */
public record CachedEmoteSet(EmoteSet set, Instant fetchedAt, Instant lastFailureAt, String lastFailure) {

    /** True when the most recent attempt failed and {@link #set} is an older copy. */
    public boolean stale() {
        return lastFailureAt != null && lastFailureAt.isAfter(fetchedAt);
    }
}
