package io.lurker.tokenpool.model;

import java.util.Locale;

/** What Twitch limits a token by: an app token by its client id, a user token by (client id, user). */
public enum TokenKind {
    APP,
    USER;

    /** The form stored in Redis and used in bucket keys: {@code app}, {@code user}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TokenKind fromWire(String value) {
        return switch (value) {
            case "app" -> APP;
            case "user" -> USER;
            default -> throw new IllegalArgumentException("Unknown token kind '" + value + "'");
        };
    }
}
