package io.lurker.contracts.catalog;

import java.time.Instant;
import java.util.List;

/** Routing key {@code catalog.channel}. */
public record ChannelBatch(int schema, String batchId, Instant sampledAt, List<ChannelRecord> channels) {
}
