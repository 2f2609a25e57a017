package io.lurker.emulator.clock;

import java.util.Locale;

/** How the emulator's time moves. */
public enum ClockMode {
    /** Wall-clock time (plus any offset added by advancing). */
    REAL,
    /** Wall-clock time multiplied by a factor from an anchor. */
    ACCELERATED,
    /** Time moves only when the admin API advances or sets it. */
    MANUAL;

    public static ClockMode parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("clock mode must be real, accelerated or manual, not '" + value + "'");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
