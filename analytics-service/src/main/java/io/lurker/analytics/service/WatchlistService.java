package io.lurker.analytics.service;

import io.lurker.analytics.client.HelixGames;
import io.lurker.analytics.client.HelixGateway;
import io.lurker.analytics.client.HelixUsers;
import io.lurker.analytics.messaging.WatchlistPublisher;
import io.lurker.analytics.repository.CatalogRepository;
import io.lurker.analytics.repository.Jdbc;
import io.lurker.analytics.repository.WatchlistRepository;
import io.lurker.contracts.Schema;
import io.lurker.contracts.control.WatchlistChanged;
import io.lurker.contracts.control.WatchlistEntry;
import io.lurker.tokenpool.problem.ProblemException;
import io.lurker.tokenpool.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The watchlist: channels by login and games by name, resolved through helix-gateway. Every
 * change raises the version by one and is published on {@code control.watchlist} after commit.
 */
@ApplicationScoped
public class WatchlistService {

    /** The watchlist as GET /api/v1/watchlist answers it. */
    public record Watchlist(long version, List<WatchlistEntry> entries) {
    }

    private static final Logger LOG = Logger.getLogger(WatchlistService.class);
    private static final Pattern LOGIN = Pattern.compile("[a-z0-9_]{1,25}");
    private static final int MAX_PER_REQUEST = 100;
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(10);

    private final Jdbc jdbc;
    private final WatchlistRepository watchlist;
    private final CatalogRepository catalog;
    private final HelixGateway helix;
    private final WatchlistPublisher publisher;
    private final Clock clock;

    public WatchlistService(Jdbc jdbc, WatchlistRepository watchlist, CatalogRepository catalog, HelixGateway helix,
            WatchlistPublisher publisher, Clock clock) {
        this.jdbc = jdbc;
        this.watchlist = watchlist;
        this.catalog = catalog;
        this.helix = helix;
        this.publisher = publisher;
        this.clock = clock;
    }

    public Watchlist current() throws SQLException {
        return jdbc.inTransaction(c -> new Watchlist(watchlist.version(c), watchlist.entries(c)));
    }

    public WatchlistChanged addChannels(List<String> requested) throws SQLException {
        List<String> logins = normalize(requested, "logins");
        for (String login : logins) {
            if (!LOGIN.matcher(login).matches()) {
                throw ProblemException.badParameter("logins", "holds '" + login
                        + "', which is not a Twitch login (1-25 of a-z, 0-9, _)");
            }
        }
        List<HelixUsers.User> users = helix.users(logins);
        Set<String> found = new LinkedHashSet<>();
        users.forEach(u -> found.add(u.login().toLowerCase(Locale.ROOT)));
        List<String> unknown = logins.stream().filter(l -> !found.contains(l)).toList();
        if (!unknown.isEmpty()) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, 422,
                    "Unknown channel login(s): " + String.join(", ", unknown), Map.of("unknown", unknown));
        }
        Instant now = clock.instant();
        List<WatchlistEntry> entries = users.stream()
                .map(u -> new WatchlistEntry(WatchlistEntry.Kind.CHANNEL, u.id(), u.login().toLowerCase(Locale.ROOT)))
                .toList();
        return change(now, entries, List.of(), c -> {
            for (HelixUsers.User u : users) {
                watchlist.rememberChannel(c, u.id(), u.login().toLowerCase(Locale.ROOT), u.displayName(), now);
            }
        });
    }

    public WatchlistChanged addGames(List<String> requested) throws SQLException {
        List<String> names = requested == null ? List.of()
                : requested.stream().filter(n -> n != null && !n.isBlank()).map(String::trim).distinct().toList();
        if (names.isEmpty()) {
            throw ProblemException.badParameter("names", "must list at least one game name");
        }
        if (names.size() > MAX_PER_REQUEST) {
            throw ProblemException.badParameter("names", "may list at most " + MAX_PER_REQUEST + " names");
        }
        List<HelixGames.Game> games = helix.games(names);
        Set<String> found = new LinkedHashSet<>();
        games.forEach(g -> found.add(g.name().toLowerCase(Locale.ROOT)));
        List<String> unknown = names.stream().filter(n -> !found.contains(n.toLowerCase(Locale.ROOT))).toList();
        if (!unknown.isEmpty()) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, 422,
                    "Unknown game name(s): " + String.join(", ", unknown), Map.of("unknown", unknown));
        }
        Instant now = clock.instant();
        List<WatchlistEntry> entries = games.stream()
                .map(g -> new WatchlistEntry(WatchlistEntry.Kind.GAME, g.id(), g.name())).toList();
        return change(now, entries, List.of(), c -> {
            for (HelixGames.Game g : games) {
                catalog.upsertGame(c, g.id(), g.name(), g.boxArtUrl(), g.igdbId(), now);
            }
        });
    }

    public WatchlistChanged removeChannel(String login) throws SQLException {
        String normalized = login == null ? "" : login.toLowerCase(Locale.ROOT);
        return remove(WatchlistEntry.Kind.CHANNEL, "name", normalized, "Channel '" + normalized + "' is not watched");
    }

    public WatchlistChanged removeGame(String id) throws SQLException {
        return remove(WatchlistEntry.Kind.GAME, "id", id, "Game '" + id + "' is not watched");
    }

    private WatchlistChanged remove(WatchlistEntry.Kind kind, String column, String value, String notFound)
            throws SQLException {
        Instant now = clock.instant();
        WatchlistChanged change = jdbc.inTransaction(c -> {
            Optional<WatchlistEntry> removed = watchlist.remove(c, kind, column, value);
            if (removed.isEmpty()) {
                return null;
            }
            return new WatchlistChanged(Schema.CURRENT, watchlist.nextVersion(c), now, List.of(), List.of(removed.get()));
        });
        if (change == null) {
            throw ProblemException.notFound(notFound);
        }
        publish(change);
        return change;
    }

    @FunctionalInterface
    private interface Extra {
        void run(java.sql.Connection c) throws SQLException;
    }

    /** Adds the entries; a change with nothing new keeps the version and publishes nothing. */
    private WatchlistChanged change(Instant now, List<WatchlistEntry> add, List<WatchlistEntry> removed, Extra extra)
            throws SQLException {
        WatchlistChanged change = jdbc.inTransaction(c -> {
            extra.run(c);
            List<WatchlistEntry> added = new ArrayList<>();
            for (WatchlistEntry e : add) {
                if (watchlist.add(c, e, now)) {
                    added.add(e);
                }
            }
            long version = added.isEmpty() ? watchlist.version(c) : watchlist.nextVersion(c);
            return new WatchlistChanged(Schema.CURRENT, version, now, added, removed);
        });
        if (!change.added().isEmpty()) {
            publish(change);
        }
        return change;
    }

    private void publish(WatchlistChanged change) {
        try {
            publisher.publish(change).toCompletableFuture().get(PUBLISH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProblemException.unavailable("interrupted while publishing the watchlist change");
        } catch (ExecutionException | TimeoutException e) {
            LOG.errorf("Watchlist version %d saved but not published: %s", change.version(), e.toString());
            throw ProblemException.unavailable("The watchlist change (version " + change.version()
                    + ") is saved but could not be announced on control.watchlist; consumers see it on their next reload");
        }
    }

    private static List<String> normalize(List<String> values, String parameter) {
        List<String> normalized = values == null ? List.of()
                : values.stream().filter(v -> v != null && !v.isBlank())
                        .map(v -> v.trim().toLowerCase(Locale.ROOT)).distinct().toList();
        if (normalized.isEmpty()) {
            throw ProblemException.badParameter(parameter, "must list at least one value");
        }
        if (normalized.size() > MAX_PER_REQUEST) {
            throw ProblemException.badParameter(parameter, "may list at most " + MAX_PER_REQUEST + " values");
        }
        return normalized;
    }
}
