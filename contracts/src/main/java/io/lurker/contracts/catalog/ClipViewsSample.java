package io.lurker.contracts.catalog;

import java.time.Instant;

/** A clip's view count at one moment; natural key (clipId, sampledAt). */
public record ClipViewsSample(String clipId, long viewCount, Instant sampledAt) {
}
