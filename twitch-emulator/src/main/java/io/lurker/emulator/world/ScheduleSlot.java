package io.lurker.emulator.world;

import java.time.DayOfWeek;

/** A weekly recurring slot of a channel's schedule; {@code gameIndex} is -1 when no category is set. */
public record ScheduleSlot(String segmentUuid, DayOfWeek day, int startMinute, int minutes, String title, int gameIndex) {
}
