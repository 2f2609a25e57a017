package io.lurker.contracts.control;

import java.time.Instant;
import java.util.List;

/**
 * Routing key {@code control.watchlist}. {@code version} increases by one with every change;
 * a consumer that sees a gap (or starts) reloads the whole list over REST
 * ({@code GET /api/v1/watchlist} on analytics-service) instead of applying the delta.
 */
public record WatchlistChanged(int schema, long version, Instant at, List<WatchlistEntry> added,
        List<WatchlistEntry> removed) {
}
