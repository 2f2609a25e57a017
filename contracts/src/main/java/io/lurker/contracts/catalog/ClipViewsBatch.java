package io.lurker.contracts.catalog;

import java.time.Instant;
import java.util.List;

/** Routing key {@code catalog.clip-views}: re-samples of young clips (virality trajectories). */
public record ClipViewsBatch(int schema, String batchId, Instant sampledAt, List<ClipViewsSample> samples) {
}
