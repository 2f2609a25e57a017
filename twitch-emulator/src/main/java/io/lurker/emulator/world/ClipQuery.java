package io.lurker.emulator.world;

import java.time.Instant;

/**
 * Clips of one broadcaster or one game created in [{@code from}, {@code to}] (either may be
 * null: unbounded), optionally only featured ones.
 */
public record ClipQuery(Channel broadcaster, Game game, Instant from, Instant to, Boolean featured) {

    public static ClipQuery ofBroadcaster(Channel channel, Instant from, Instant to, Boolean featured) {
        return new ClipQuery(channel, null, from, to, featured);
    }

    public static ClipQuery ofGame(Game game, Instant from, Instant to, Boolean featured) {
        return new ClipQuery(null, game, from, to, featured);
    }
}
