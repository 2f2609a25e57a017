package io.lurker.contracts.stream;

import java.time.Instant;
import java.util.List;

/**
 * Routing key {@code stream.snapshot}: one poll of the watchlist. A channel in
 * {@code polledChannelIds} but not in {@code live} was offline at {@code sampledAt}; a channel
 * not polled is missing data, not offline.
 *
 * @param pollId          unique per poll (natural key with each channel id)
 * @param intervalSeconds the poll interval the collector was configured with
 */
public record StreamSnapshotBatch(int schema, String pollId, Instant sampledAt, int intervalSeconds,
        List<String> polledChannelIds, List<StreamSnapshot> live) {
}
