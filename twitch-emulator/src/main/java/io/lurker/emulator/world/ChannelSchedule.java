package io.lurker.emulator.world;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A channel's stream schedule: weekly slots plus vacations. A vacation is either fixed
 * ({@code fixedVacationStart/End}, from a fixture) or periodic: one week in every
 * {@code vacationEveryWeeks} weeks, at week {@code vacationPhase} of the cycle (0 = never).
 */
public record ChannelSchedule(List<ScheduleSlot> slots, Instant fixedVacationStart, Instant fixedVacationEnd,
                              int vacationEveryWeeks, int vacationPhase) {

    /** Monday 2024-01-01T00:00Z: weeks of periodic vacations are counted from here. */
    public static final Instant WEEK_ZERO = Instant.parse("2024-01-01T00:00:00Z");

    /** The vacation in force at {@code t} or the next one; null when none is planned. */
    public Instant[] vacationFrom(Instant t) {
        if (fixedVacationStart != null) {
            return t.isBefore(fixedVacationEnd) ? new Instant[] {fixedVacationStart, fixedVacationEnd} : null;
        }
        if (vacationEveryWeeks <= 0) {
            return null;
        }
        long week = Math.floorDiv(Duration.between(WEEK_ZERO, t).toSeconds(), 7 * 86400L);
        long cycle = Math.floorDiv(week, vacationEveryWeeks);
        for (long c = cycle; c <= cycle + 1; c++) {
            Instant start = WEEK_ZERO.plus(Duration.ofDays(7 * (c * vacationEveryWeeks + vacationPhase)));
            Instant end = start.plus(Duration.ofDays(7));
            if (t.isBefore(end)) {
                return new Instant[] {start, end};
            }
        }
        return null;
    }

    public boolean onVacation(Instant t) {
        Instant[] vacation = vacationFrom(t);
        return vacation != null && !t.isBefore(vacation[0]) && t.isBefore(vacation[1]);
    }
}
