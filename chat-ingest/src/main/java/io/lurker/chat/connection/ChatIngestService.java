package io.lurker.chat.connection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lurker.chat.config.ChatConfig;
import io.lurker.chat.config.EventsConfig;
import io.lurker.chat.config.TwitchConfig;
import io.lurker.chat.emote.EmoteFetcher;
import io.lurker.chat.emote.EmoteSetCache;
import io.lurker.chat.service.ChatPipeline;
import io.lurker.tokenpool.model.TokenRequirements;
import io.lurker.tokenpool.service.Lease;
import io.lurker.tokenpool.service.TokenPool;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Live chat: the watchlist → Redis channel leases → IRC connections → {@link ChatPipeline}, plus
 * the third-party emote fetcher fed by the channels the connections confirm.
 */
@ApplicationScoped
public class ChatIngestService {

    private static final Logger LOG = Logger.getLogger(ChatIngestService.class);

    private final ChatConfig config;
    private final TwitchConfig twitch;
    private final ChatPipeline pipeline;
    private final EmoteSetCache emoteCache;
    private final RedisDataSource redis;
    private final ObjectMapper json;
    private final MeterRegistry registry;
    private final Instance<TokenPool> tokenPool;
    private final String exchange;
    private WatchlistSource watchlist;
    private ChannelLeases leases;
    private ConnectionManager connections;
    private EmoteFetcher emotes;
    private Thread heartbeat;
    private volatile boolean running;

    public ChatIngestService(ChatConfig config, TwitchConfig twitch, EventsConfig events, ChatPipeline pipeline,
            EmoteSetCache emoteCache, RedisDataSource redis, ObjectMapper json, MeterRegistry registry,
            Instance<TokenPool> tokenPool) {
        this.config = config;
        this.twitch = twitch;
        this.pipeline = pipeline;
        this.emoteCache = emoteCache;
        this.redis = redis;
        this.json = json;
        this.registry = registry;
        this.tokenPool = tokenPool;
        this.exchange = events.exchange();
    }

    void start(@Observes StartupEvent event) {
        if (!config.irc().enabled()) {
            LOG.info("IRC disabled (lurker.chat.irc.enabled=false): parse and import only");
            return;
        }
        running = true;
        watchlist = new WatchlistSource(config, exchange, json);
        watchlist.reload();
        watchlist.subscribe(config.publisher());
        String replica = config.lease().replicaId().filter(s -> !s.isBlank()).orElse(UUID.randomUUID().toString());
        leases = new ChannelLeases(redis, config.redisPrefix(), replica, config.lease().capacity(), config.lease().ttl());
        if (config.emotes().enabled()) {
            emotes = new EmoteFetcher(emoteCache, config.emotes(), twitch, Clock.systemUTC());
            emotes.start();
        }
        connections = new ConnectionManager(config.irc(), twitch, pipeline, this::login, leases::owned, this::channelSeen,
                registry);
        heartbeat = new Thread(this::heartbeatLoop, "chat-lease-heartbeat");
        heartbeat.setDaemon(true);
        heartbeat.start();
        connections.start();
        LOG.infof("chat-ingest replica %s: %s:%d (tls %s), watchlist of %d channels", replica, twitch.ircHost(),
                twitch.ircPort(), twitch.ircTls(), watchlist.channels().size());
    }

    private void heartbeatLoop() {
        long reloadEvery = config.watchlist().reloadInterval().toMillis();
        long lastReload = System.currentTimeMillis();
        while (running) {
            try {
                if (System.currentTimeMillis() - lastReload >= reloadEvery) {
                    lastReload = System.currentTimeMillis();
                    watchlist.reload();
                }
                leases.heartbeat(watchlist.channels());
            } catch (RuntimeException e) {
                LOG.warnf("lease heartbeat failed: %s", e.getMessage());
            }
            try {
                Thread.sleep(config.lease().heartbeat().toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (!running) {
            return;
        }
        running = false;
        if (heartbeat != null) {
            heartbeat.interrupt();
        }
        connections.stop();
        if (emotes != null) {
            emotes.stop();
        }
        watchlist.close();
        leases.releaseAll();
    }

    private void channelSeen(String channel, String roomId) {
        if (emotes != null) {
            try {
                emoteCache.loadChannel(roomId);
            } catch (RuntimeException e) {
                LOG.debugf("cached emotes of %s not loaded: %s", channel, e.getMessage());
            }
            emotes.channelSeen(roomId);
        }
    }

    /** Anonymous, or a user token leased from the token pool (its login from id.twitch.tv/oauth2/validate). */
    private TmiConnection.Login login() throws Exception {
        if (!config.irc().userToken()) {
            return new TmiConnection.Login(ConnectionManager.anonymousNick(), null);
        }
        TokenRequirements wanted = TokenRequirements.user().scopes("chat:read");
        if (config.irc().userTokenClientId().isPresent()) {
            wanted = wanted.clientId(config.irc().userTokenClientId().get());
        }
        Lease lease = tokenPool.get().leaseBlocking(wanted, Duration.ofSeconds(10));
        String token = lease.accessToken();
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(twitch.idUrl().replaceAll("/+$", "") + "/validate"))
                        .timeout(Duration.ofSeconds(10)).header("Authorization", "OAuth " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("leased user token not valid (HTTP " + response.statusCode() + ")");
        }
        JsonNode body = json.readTree(response.body());
        String login = body.path("login").asText("");
        if (login.isEmpty()) {
            throw new IllegalStateException("leased token has no login");
        }
        return new TmiConnection.Login(login, token);
    }

    // ---- read side ---------------------------------------------------------------------

    public boolean enabled() {
        return running;
    }

    public Map<String, Object> status() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("enabled", running);
        if (running) {
            out.put("replica", leases.replicaId());
            out.put("watchlist", watchlist.channels().stream().sorted().toList());
            out.put("leased", leases.ownedSorted());
            out.putAll(connections.status());
        }
        return out;
    }

    public Set<String> confirmedChannels() {
        return running ? connections.confirmedChannels() : Set.of();
    }

    public ChannelLeases leases() {
        return leases;
    }

    public WatchlistSource watchlist() {
        return watchlist;
    }
}
