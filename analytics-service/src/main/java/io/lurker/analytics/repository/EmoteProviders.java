package io.lurker.analytics.repository;

import io.lurker.contracts.chat.EmoteProvider;
import java.util.Locale;
import java.util.Optional;

/** The stored names of emote providers: twitch, bttv, ffz, 7tv (their JSON names). */
public final class EmoteProviders {

    private EmoteProviders() {
    }

    public static String name(EmoteProvider provider) {
        return switch (provider) {
            case TWITCH -> "twitch";
            case BTTV -> "bttv";
            case FFZ -> "ffz";
            case SEVENTV -> "7tv";
        };
    }

    /** Parses a provider named in a request; empty when unknown. */
    public static Optional<String> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.toLowerCase(Locale.ROOT);
        return switch (v) {
            case "twitch", "bttv", "ffz", "7tv" -> Optional.of(v);
            case "seventv" -> Optional.of("7tv");
            default -> Optional.empty();
        };
    }
}
