package io.lurker.emulator.world;

/** A stretch of a video muted by audio recognition, in seconds from the start. */
public record MutedSegment(int offset, int duration) {
}
