package io.lurker.contracts.catalog;

import java.time.Instant;
import java.util.List;

/** Routing key {@code catalog.clip}: clip upserts, each also a view-count sample at {@code sampledAt}. */
public record ClipBatch(int schema, String batchId, Instant sampledAt, List<ClipRecord> clips) {
}
