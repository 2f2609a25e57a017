package io.lurker.contracts.catalog;

import java.time.Instant;
import java.util.List;

/** Routing key {@code catalog.category}: one poll of the top games; natural key (gameId, sampledAt). */
public record CategoryBatch(int schema, String batchId, Instant sampledAt, List<CategorySnapshot> categories) {
}
