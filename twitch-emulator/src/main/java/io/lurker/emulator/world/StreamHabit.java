package io.lurker.emulator.world;

/**
 * When a generated channel streams: on a given UTC day it goes live with probability
 * {@code dayProbability}, around {@code startMinute} (minutes after midnight UTC, ±2 h), for
 * about {@code medianMinutes}. Sessions never overlap (start jitter ±2 h, at most 14 h long),
 * so each day's session depends only on (seed, channel, day).
 */
public record StreamHabit(double dayProbability, int startMinute, int medianMinutes) {
}
