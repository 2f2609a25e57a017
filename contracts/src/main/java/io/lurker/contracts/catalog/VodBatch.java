package io.lurker.contracts.catalog;

import java.time.Instant;
import java.util.List;

/** Routing key {@code catalog.vod}. */
public record VodBatch(int schema, String batchId, Instant sampledAt, List<VodRecord> vods) {
}
