package io.lurker.analytics.service;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The bucket sizes a series can be cut into. */
public enum Granularity {
    MINUTE("1m", 60),
    FIVE_MINUTES("5m", 300),
    FIFTEEN_MINUTES("15m", 900),
    HOUR("1h", 3600),
    DAY("1d", 86400);

    private final String label;
    private final int seconds;

    Granularity(String label, int seconds) {
        this.label = label;
        this.seconds = seconds;
    }

    public String label() {
        return label;
    }

    public int seconds() {
        return seconds;
    }

    public static Optional<Granularity> parse(String value) {
        return Arrays.stream(values()).filter(g -> g.label.equals(value)).findFirst();
    }

    public static String labels() {
        return Arrays.stream(values()).map(Granularity::label).collect(Collectors.joining(", "));
    }
}
