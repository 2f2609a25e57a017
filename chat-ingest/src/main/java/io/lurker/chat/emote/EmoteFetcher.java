package io.lurker.chat.emote;

import io.lurker.chat.config.ChatConfig;
import io.lurker.chat.config.TwitchConfig;
import io.lurker.contracts.chat.EmoteProvider;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Fetches BTTV, FFZ and 7TV sets — the three global ones and those of every channel seen
 * (its ROOMSTATE gives the room id) — into the {@link EmoteSetStore}: a 200 replaces the set,
 * a channel's 404 stores an empty set (not on that provider), anything else is a failure that
 * keeps the last good copy and is retried after {@code retry-interval}. Every set is refreshed
 * every {@code refresh-interval}. Runs on its own thread.
 */
public final class EmoteFetcher {

    private static final Logger LOG = Logger.getLogger(EmoteFetcher.class);
    private static final List<EmoteProvider> PROVIDERS = List.of(EmoteProvider.BTTV, EmoteProvider.FFZ, EmoteProvider.SEVENTV);

    private final EmoteSetStore store;
    private final ChatConfig.Emotes config;
    private final TwitchConfig twitch;
    private final Clock clock;
    private final HttpClient http;
    /** Scope → when it should be fetched next (epoch ms). */
    private final Map<EmoteScope, Long> due = new ConcurrentHashMap<>();
    private volatile boolean running;
    private Thread thread;

    public EmoteFetcher(EmoteSetStore store, ChatConfig.Emotes config, TwitchConfig twitch, Clock clock) {
        this.store = store;
        this.config = config;
        this.twitch = twitch;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).followRedirects(HttpClient.Redirect.NORMAL).build();
        for (EmoteProvider p : PROVIDERS) {
            schedule(EmoteScope.global(p));
        }
    }

    /** A channel's room id became known (JOIN confirmed): load its cached sets and fetch them when due. */
    public void channelSeen(String roomId) {
        if (roomId == null || roomId.isBlank()) {
            return;
        }
        for (EmoteProvider p : PROVIDERS) {
            EmoteScope scope = EmoteScope.channel(p, roomId);
            if (!due.containsKey(scope)) {
                schedule(scope);
            }
        }
    }

    private void schedule(EmoteScope scope) {
        long next = 0;
        try {
            Optional<CachedEmoteSet> cached = store.lastGood(scope);
            if (cached.isPresent() && cached.get().fetchedAt() != null) {
                next = cached.get().fetchedAt().toEpochMilli() + config.refreshInterval().toMillis();
            }
        } catch (RuntimeException e) {
            // Redis unavailable: fetch now
        }
        due.put(scope, next);
    }

    public void start() {
        running = true;
        thread = new Thread(this::loop, "chat-emote-fetcher");
        thread.setDaemon(true);
        thread.start();
    }

    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void loop() {
        while (running) {
            runDue();
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Fetches every set that is due now; returns how many were fetched successfully. */
    public int runDue() {
        long now = clock.millis();
        int ok = 0;
        for (Map.Entry<EmoteScope, Long> entry : new ArrayList<>(due.entrySet())) {
            if (entry.getValue() <= now) {
                if (fetch(entry.getKey())) {
                    ok++;
                }
            }
        }
        return ok;
    }

    String url(EmoteScope scope) {
        String id = scope.channelId();
        return switch (scope.provider()) {
            case BTTV -> trim(twitch.bttvUrl()) + (id == null ? "/cached/emotes/global" : "/cached/users/twitch/" + id);
            case FFZ -> trim(twitch.ffzUrl()) + (id == null ? "/set/global" : "/room/id/" + id);
            case SEVENTV -> trim(twitch.seventvUrl()) + (id == null ? "/emote-sets/global" : "/users/twitch/" + id);
            default -> throw new IllegalArgumentException("no set for " + scope);
        };
    }

    private static String trim(String base) {
        return base.replaceAll("/+$", "");
    }

    /** One fetch; true when the set (or "not on this provider") was stored. */
    public boolean fetch(EmoteScope scope) {
        Instant at = clock.instant();
        String reason;
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url(scope))).timeout(config.timeout())
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status == 200) {
                store.storeFetched(EmoteSetDecoder.decode(scope, response.body()), at);
                due.put(scope, at.toEpochMilli() + config.refreshInterval().toMillis());
                return true;
            }
            if (status == 404 && !scope.isGlobal()) {
                store.storeFetched(EmoteSet.empty(scope), at);
                due.put(scope, at.toEpochMilli() + config.refreshInterval().toMillis());
                return true;
            }
            reason = "HTTP " + status;
        } catch (EmoteDecodeException e) {
            reason = "undecodable: " + e.getMessage();
        } catch (IOException e) {
            reason = "unreachable: " + e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (RuntimeException e) {
            reason = "error: " + e.getClass().getSimpleName();
        }
        try {
            store.recordFailure(scope, reason, at);
        } catch (RuntimeException e) {
            LOG.debugf("emote failure of %s not recorded: %s", scope, e.getMessage());
        }
        LOG.debugf("emote set %s not fetched: %s", scope, reason);
        due.put(scope, at.toEpochMilli() + config.retryInterval().toMillis());
        return false;
    }
}
