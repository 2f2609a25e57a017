package io.lurker.emulator.world;

import java.time.Instant;

/** One occurrence of a schedule slot in a given week; {@code game} is null when the slot has no category. */
public record ScheduledSegment(String id, Instant start, Instant end, String title, Game game, boolean recurring) {
}
