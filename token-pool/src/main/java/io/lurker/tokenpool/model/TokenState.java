package io.lurker.tokenpool.model;

import java.util.Locale;

/**
 * A token's health as auth-service and the gateways see it. Only {@code HEALTHY} tokens are
 * leased; {@code REFRESHING} ones are waited for, {@code INVALID} ones are skipped.
 */
public enum TokenState {
    HEALTHY,
    /** auth-service is renewing it; a lease may wait for the outcome. */
    REFRESHING,
    /** Twitch answered 401 with it, or validation failed; auth-service refreshes or deletes it. */
    INVALID;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TokenState fromWire(String value) {
        return switch (value) {
            case "healthy" -> HEALTHY;
            case "refreshing" -> REFRESHING;
            case "invalid" -> INVALID;
            default -> throw new IllegalArgumentException("Unknown token state '" + value + "'");
        };
    }
}
