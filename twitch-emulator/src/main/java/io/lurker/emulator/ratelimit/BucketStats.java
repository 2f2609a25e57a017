package io.lurker.emulator.ratelimit;

/**
 * Counters of one bucket: calls served, calls refused with 429, and the most calls it served
 * within any 60-second window (sliding, millisecond precision).
 */
public record BucketStats(String bucket, int limit, int remaining, long requests, long rejected, int maxPerMinute) {
}
