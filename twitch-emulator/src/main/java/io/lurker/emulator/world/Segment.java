package io.lurker.emulator.world;

import java.time.Instant;

/** A stretch of a live session with one game and title; a session changes title or game between segments. */
public record Segment(Instant from, int gameIndex, String title) {
}
