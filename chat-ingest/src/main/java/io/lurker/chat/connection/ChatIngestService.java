package io.lurker.chat.connection;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lurker.chat.config.ChatConfig;
import io.lurker.chat.config.EventsConfig;
import io.lurker.chat.config.TwitchConfig;
import io.lurker.chat.emote.EmoteFetcher;
import io.lurker.chat.emote.EmoteSetCache;
import io.lurker.chat.service.ChatPipeline;
import io.lurker.tokenpool.crypto.TokenPoolStartup;
import io.lurker.tokenpool.service.TokenPool;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
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
    private final Instance<TokenPool> tokenPool;
    private final Instance<TokenPoolStartup> tokenPoolStartup;
    private final String exchange;
    private WatchlistSource watchlist;
    private ChannelLeases leases;
    private ConnectionManager connections;
    private EmoteFetcher emotes;
    private Thread heartbeat;
    private volatile boolean running;

    public ChatIngestService(ChatConfig config, TwitchConfig twitch, EventsConfig events, ChatPipeline pipeline,
            EmoteSetCache emoteCache, RedisDataSource redis, ObjectMapper json, MeterRegistry registry,
            Instance<TokenPool> tokenPool, Instance<TokenPoolStartup> tokenPoolStartup) {
        this.config = config;
        this.twitch = twitch;
        this.pipeline = pipeline;
        this.emoteCache = emoteCache;
        this.redis = redis;
        this.json = json;
        this.registry = registry;
        this.tokenPool = tokenPool;
        this.tokenPoolStartup = tokenPoolStartup;
        this.exchange = events.exchange();
    }

    void start(@Observes StartupEvent event) {
        if (!config.irc().enabled()) {
            LOG.info("IRC disabled (lurker.chat.irc.enabled=false): parse and import only");
            return;
        }
        // before anything runs: in pool mode, missing or bad encryption keys stop the start here
        ConnectionManager.Credentials credentials = credentials();
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
        connections = new ConnectionManager(config.irc(), twitch, pipeline, credentials, leases::owned, this::channelSeen,
                registry);
        heartbeat = new Thread(this::heartbeatLoop, "chat-lease-heartbeat");
        heartbeat.setDaemon(true);
        heartbeat.start();
        connections.start();
        LOG.infof("chat-ingest replica %s: %s:%d (tls %s, login %s), watchlist of %d channels", replica, twitch.ircHost(),
                twitch.ircPort(), twitch.ircTls(), config.irc().login().name().toLowerCase(java.util.Locale.ROOT),
                watchlist.channels().size());
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
     * {@code lurker.chat.irc.login}: anonymous ({@code justinfan<random>}; read-only chat needs no
     * account, and the token pool is never touched, so no encryption key is needed), or pooled user
     * tokens. The pool's start-up key check is off in chat-ingest
     * ({@code lurker.token-pool.check-at-start=false}) and run here, only in pool mode.
     */
    private ConnectionManager.Credentials credentials() {
        if (config.irc().login() == ChatConfig.Irc.LoginMode.POOL) {
            tokenPoolStartup.get().check();
            return new PoolCredentials(tokenPool.get(), config.irc().pool(), twitch.idUrl(), json, registry);
        }
        Counter anonymous = Counter.builder("lurker.chat.logins").tag("kind", "anonymous")
                .description("IRC logins by kind: user (pooled token), anonymous, anonymous-fallback, none (waiting)")
                .register(registry);
        return () -> {
            anonymous.increment();
            return TmiConnection.Login.anonymous();
        };
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
