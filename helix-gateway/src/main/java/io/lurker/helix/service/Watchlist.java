package io.lurker.helix.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.lurker.contracts.control.WatchlistChanged;
import io.lurker.contracts.control.WatchlistEntry;
import io.lurker.helix.config.HelixConfig;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * What the collectors watch: channels and games. Loaded from analytics-service
 * ({@code GET /api/v1/watchlist}) and kept current by {@code control.watchlist} deltas (a
 * version gap reloads the whole list); when analytics-service cannot be reached, the configured
 * {@code lurker.helix.watchlist.channels/games} (resolved to ids through Helix) feed the same code.
 */
@ApplicationScoped
public class Watchlist {

    private static final Logger LOG = Logger.getLogger(Watchlist.class);

    public record Channel(String id, String login) {
    }

    public record Game(String id, String name) {
    }

    private final HelixConfig config;
    private final HelixQueries helix;
    private final WebClient http;
    private final Map<String, Channel> channels = new LinkedHashMap<>();
    private final Map<String, Game> games = new LinkedHashMap<>();
    private long version = -1;
    private boolean loaded;
    private String source = "none";

    public Watchlist(HelixConfig config, HelixQueries helix, Vertx vertx) {
        this.config = config;
        this.helix = helix;
        this.http = WebClient.create(vertx);
    }

    public synchronized List<Channel> channels() {
        ensureLoaded();
        return new ArrayList<>(channels.values());
    }

    public synchronized List<Game> games() {
        ensureLoaded();
        return new ArrayList<>(games.values());
    }

    public synchronized String source() {
        return source;
    }

    /** Version of the list held (analytics-service's watchlist version; -1 before any, 0 for the configured list). */
    public synchronized long version() {
        ensureLoaded();
        return version;
    }

    /** Applies a delta; a gap in versions (or an unloaded list) reloads everything. */
    public synchronized void apply(WatchlistChanged change) {
        if (!loaded || change.version() != version + 1) {
            LOG.infof("Watchlist version %d after %d: reloading", change.version(), version);
            loaded = false;
            if (!reload() || version < change.version()) {
                // analytics unreachable or behind: take the delta as it comes
                applyDelta(change);
            }
            return;
        }
        applyDelta(change);
    }

    private void applyDelta(WatchlistChanged change) {
        for (WatchlistEntry e : change.removed()) {
            if (e.kind() == WatchlistEntry.Kind.CHANNEL) {
                channels.remove(e.id());
            } else {
                games.remove(e.id());
            }
        }
        add(change.added());
        version = Math.max(version, change.version());
        loaded = true;
        source = "analytics";
    }

    /** Reloads from analytics-service, or from configuration when it cannot be reached. */
    public synchronized boolean reload() {
        if (fromAnalytics()) {
            return true;
        }
        fromConfiguration();
        return false;
    }

    private void ensureLoaded() {
        if (!loaded) {
            reload();
        }
    }

    private boolean fromAnalytics() {
        if (config.watchlist().analyticsUrl().filter(u -> !u.isBlank()).isEmpty()) {
            return false;
        }
        try {
            var request = http.getAbs(config.watchlist().analyticsUrl().get() + "/api/v1/watchlist").timeout(5000);
            config.serviceToken().filter(t -> !t.isBlank()).ifPresent(t -> request.putHeader("Authorization", "Bearer " + t));
            HttpResponse<Buffer> response = request.send().await().atMost(Duration.ofSeconds(6));
            if (response.statusCode() != 200) {
                LOG.warnf("analytics-service answered %d for the watchlist; using the configured list", response.statusCode());
                return false;
            }
            JsonNode body = io.lurker.contracts.EventJson.mapper().readTree(response.bodyAsString());
            List<WatchlistEntry> entries = new ArrayList<>();
            for (JsonNode e : body.path("entries")) {
                entries.add(io.lurker.contracts.EventJson.mapper().treeToValue(e, WatchlistEntry.class));
            }
            channels.clear();
            games.clear();
            add(entries);
            version = body.path("version").asLong(0);
            loaded = true;
            source = "analytics";
            LOG.infof("Watchlist v%d from analytics-service: %d channels, %d games", version, channels.size(), games.size());
            return true;
        } catch (Exception e) {
            LOG.warnf("analytics-service unreachable for the watchlist (%s); using the configured list", e.getClass().getSimpleName());
            return false;
        }
    }

    private void fromConfiguration() {
        List<String> logins = config.watchlist().channels().orElse(List.of()).stream().filter(s -> !s.isBlank()).toList();
        List<String> names = config.watchlist().games().orElse(List.of()).stream().filter(s -> !s.isBlank()).toList();
        try {
            channels.clear();
            games.clear();
            if (!logins.isEmpty()) {
                helix.users(logins, List.of()).forEach(u -> channels.put(u.path("id").asText(),
                        new Channel(u.path("id").asText(), u.path("login").asText())));
            }
            if (!names.isEmpty()) {
                helix.games(names, List.of()).forEach(g -> games.put(g.path("id").asText(),
                        new Game(g.path("id").asText(), g.path("name").asText())));
            }
            loaded = true;
            source = "configuration";
        } catch (RuntimeException e) {
            LOG.warnf("Could not resolve the configured watchlist yet: %s", e.getMessage());
        }
    }

    private void add(List<WatchlistEntry> entries) {
        for (WatchlistEntry e : entries) {
            if (e.kind() == WatchlistEntry.Kind.CHANNEL) {
                channels.put(e.id(), new Channel(e.id(), e.name()));
            } else {
                games.put(e.id(), new Game(e.id(), e.name()));
            }
        }
    }
}
