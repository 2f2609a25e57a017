package io.lurker.chat.emote;

import java.time.Instant;
import java.util.Optional;

/**
 * What an emote fetcher fills: every fetch attempt ends in {@link #storeFetched} or
 * {@link #recordFailure}. A failure never replaces the last good copy. Calls do Redis I/O:
 * make them from a worker thread, not from an event loop.
 */
public interface EmoteSetStore {

    /**
     * A fetch succeeded (a channel without an account on the provider, HTTP 404, is a success
     * with {@link EmoteSet#empty}): it becomes the last good copy, in Redis and in memory.
     */
    void storeFetched(EmoteSet set, Instant fetchedAt);

    /** A fetch failed (timeout, 5xx, undecodable body): keep the last good copy, note why. */
    void recordFailure(EmoteScope scope, String reason, Instant failedAt);

    /** The last good copy with its fetch time, e.g. to decide whether a refresh is due. */
    Optional<CachedEmoteSet> lastGood(EmoteScope scope);

    /** Loads a channel's cached sets from Redis into memory (call it when joining the channel). */
    void loadChannel(String channelId);

    /** Drops a channel's sets from memory (after leaving it); Redis keeps them. */
    void forgetChannel(String channelId);
}
