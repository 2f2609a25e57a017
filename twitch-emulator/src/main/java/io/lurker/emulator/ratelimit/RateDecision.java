package io.lurker.emulator.ratelimit;

/** The outcome of spending a point: whether the call may proceed and the values of Twitch's headers. */
public record RateDecision(boolean allowed, int limit, int remaining, long resetEpochSeconds) {
}
