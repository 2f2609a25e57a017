package io.lurker.chat.connection;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lurker.chat.config.ChatConfig;
import io.lurker.chat.config.EventsConfig;
import io.lurker.chat.config.TwitchConfig;
import io.lurker.chat.emote.EmoteFetcher;
import io.lurker.chat.emote.EmoteSetCache;
import io.lurker.chat.service.ChatPipeline;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
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
    private final String exchange;
    private WatchlistSource watchlist;
    private ChannelLeases leases;
    private ConnectionManager connections;
    private EmoteFetcher emotes;
    private Thread heartbeat;
    private volatile boolean running;

    public ChatIngestService(ChatConfig config, TwitchConfig twitch, EventsConfig events, ChatPipeline pipeline,
            EmoteSetCache emoteCache, RedisDataSource redis, ObjectMapper json, MeterRegistry registry) {
        this.config = config;
        this.twitch = twitch;
        this.pipeline = pipeline;
        this.emoteCache = emoteCache;
        this.redis = redis;
        this.json = json;
        this.registry = registry;
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

    /**
     * Anonymous ({@code justinfan<random>}): read-only chat needs no account. Logging in with a user
     * token from the token pool is not wired: it would make every chat-ingest deployment carry the
     * pool's encryption key (see README, "Left out").
     */
    private TmiConnection.Login login() {
        return new TmiConnection.Login(ConnectionManager.anonymousNick(), null);
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
