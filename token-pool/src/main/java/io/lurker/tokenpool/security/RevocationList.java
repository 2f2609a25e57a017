package io.lurker.tokenpool.security;

import io.quarkus.arc.InjectableInstance;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * The ids ({@code jti}) of revoked Lurker API tokens, held in memory and kept in step with
 * Redis. auth-service {@link #revoke revokes}; every service checks {@link #isRevoked}.
 *
 * <p>Redis model (prefix {@code lurker.security.revocation.prefix}, default the token pool's
 * {@code lurker:auth:}): a sorted set {@code <prefix>jwt:revoked} of members {@code <jti>|<exp ms>}
 * scored by the token's expiry (entries past it are pruned: the token is refused as expired
 * anyway), and the channel {@code <prefix>jwt:revocations} on which each revocation is published
 * as {@code <jti>|<exp ms>}. A service loads the set at start, applies what the channel
 * announces within milliseconds, and reloads the set every {@code reload-interval} and after
 * every reconnection, so a revocation published while it was cut off is still applied.
 *
 * <p>When Redis is unreachable the last known list stays in force (tokens revoked meanwhile
 * are honoured once the connection is back). A service without a Redis client configured
 * cannot see revocations: it logs a warning at start.
 */
@ApplicationScoped
public class RevocationList {

    private static final Logger LOG = Logger.getLogger(RevocationList.class);
    private static final String SEPARATOR = "|";

    private final RevocationConfig config;
    private final InjectableInstance<Redis> redisInstance;
    private final Vertx vertx;
    private final Map<String, Long> revoked = new ConcurrentHashMap<>();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile Redis redis;
    private volatile RedisConnection subscription;
    private volatile boolean loaded;
    private long reloadTimer = -1;

    @Inject
    public RevocationList(RevocationConfig config, InjectableInstance<Redis> redis, Vertx vertx) {
        this.config = config;
        this.redisInstance = redis;
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("JWT revocation checks are disabled (lurker.security.revocation.enabled=false)");
            return;
        }
        List<Redis> active = redisInstance.listActive();
        if (active.isEmpty()) {
            LOG.warn("JWT revocation list not available: no Redis client configured (quarkus.redis.hosts); revoked tokens are accepted until their expiry");
            return;
        }
        redis = active.get(0);
        try {
            // before the first request: a token revoked earlier is refused from the start
            int count = reload().await().atMost(config.redisTimeout().plusSeconds(1));
            LOG.debugf("JWT revocation list loaded: %d entries", count);
        } catch (RuntimeException e) {
            LOG.warnf("JWT revocation list not loaded at start (%s); retrying in the background", e.getClass().getSimpleName());
        }
        subscribe();
        reloadTimer = vertx.setPeriodic(Math.max(1000, config.reloadInterval().toMillis()),
                id -> reload().subscribe().with(c -> { }, e -> LOG.debugf("JWT revocation reload failed: %s", e.getMessage())));
    }

    void onStop(@Observes ShutdownEvent event) {
        stopped.set(true);
        if (reloadTimer >= 0) {
            vertx.cancelTimer(reloadTimer);
        }
        RedisConnection connection = subscription;
        if (connection != null) {
            connection.close().subscribe().with(ok -> { }, e -> { });
        }
    }

    /** Whether the checks run here: enabled and a Redis client configured. */
    public boolean active() {
        return config.enabled() && redis != null;
    }

    /** Whether the list was read from Redis at least once. */
    public boolean loaded() {
        return loaded;
    }

    /** True if a token with this id was revoked and has not expired yet. */
    public boolean isRevoked(String jti) {
        if (!config.enabled()) {
            return false;
        }
        Long expires = revoked.get(jti);
        if (expires == null) {
            return false;
        }
        if (expires <= System.currentTimeMillis()) {
            revoked.remove(jti, expires);
            return false;
        }
        return true;
    }

    /** Revoked ids still unexpired, with their expiry, as this service knows them. */
    public Map<String, Instant> snapshot() {
        long now = System.currentTimeMillis();
        Map<String, Instant> copy = new java.util.TreeMap<>();
        revoked.forEach((id, exp) -> {
            if (exp > now) {
                copy.put(id, Instant.ofEpochMilli(exp));
            }
        });
        return copy;
    }

    /**
     * Revokes a token id until its expiry: stored in Redis and published to every service.
     * Fails with {@code IllegalStateException} when no Redis client is configured.
     */
    public Uni<Void> revoke(String jti, Instant expiresAt) {
        if (jti == null || jti.isBlank() || jti.contains(SEPARATOR) || jti.length() > 200) {
            return Uni.createFrom().failure(new IllegalArgumentException("A token id is 1-200 characters without '|'"));
        }
        Redis client = redis != null ? redis : redisInstance.listActive().stream().findFirst().orElse(null);
        if (client == null) {
            return Uni.createFrom().failure(new IllegalStateException("No Redis client configured for the revocation list"));
        }
        long exp = expiresAt.toEpochMilli();
        String member = jti + SEPARATOR + exp;
        long now = System.currentTimeMillis();
        List<Request> batch = List.of(
                Request.cmd(Command.ZADD).arg(key()).arg(exp).arg(member),
                Request.cmd(Command.ZREMRANGEBYSCORE).arg(key()).arg("-inf").arg(now),
                Request.cmd(Command.PUBLISH).arg(channel()).arg(member));
        return client.batch(batch)
                .ifNoItem().after(config.redisTimeout()).fail()
                .invoke(() -> revoked.merge(jti, exp, Math::max))
                .replaceWithVoid();
    }

    /** Reads the whole set again; answers how many unexpired entries it holds. */
    public Uni<Integer> reload() {
        Redis client = redis;
        if (client == null) {
            return Uni.createFrom().item(0);
        }
        long now = System.currentTimeMillis();
        return client.send(Request.cmd(Command.ZRANGEBYSCORE).arg(key()).arg(now).arg("+inf"))
                .ifNoItem().after(config.redisTimeout()).fail()
                .map(response -> {
                    int count = 0;
                    if (response != null) {
                        for (Response member : response) {
                            if (apply(member.toString())) {
                                count++;
                            }
                        }
                    }
                    loaded = true;
                    return count;
                });
    }

    private void subscribe() {
        if (stopped.get()) {
            return;
        }
        redis.connect()
                .ifNoItem().after(config.redisTimeout()).fail()
                .chain(connection -> {
                    connection.handler(this::onMessage);
                    connection.exceptionHandler(e -> resubscribe(connection, e.getMessage()));
                    connection.endHandler(() -> resubscribe(connection, "connection closed"));
                    return connection.send(Request.cmd(Command.SUBSCRIBE).arg(channel()))
                            .ifNoItem().after(config.redisTimeout()).fail()
                            .onFailure().call(e -> connection.close().onFailure().recoverWithNull())
                            .replaceWith(connection);
                })
                .chain(connection -> {
                    subscription = connection;
                    // anything published before the subscription took effect is in the set
                    return reload();
                })
                .subscribe().with(count -> LOG.debugf("Subscribed to JWT revocations (%d known)", count),
                        e -> {
                            LOG.warnf("JWT revocation subscription failed (%s); retrying", e.getMessage());
                            vertx.setTimer(config.reconnectDelay().toMillis(), id -> subscribe());
                        });
    }

    private void resubscribe(RedisConnection connection, String reason) {
        if (subscription != connection || stopped.get()) {
            return;
        }
        subscription = null;
        LOG.warnf("JWT revocation subscription lost (%s); reconnecting", reason);
        connection.close().subscribe().with(ok -> { }, e -> { });
        vertx.setTimer(config.reconnectDelay().toMillis(), id -> subscribe());
    }

    private void onMessage(Response message) {
        if (message == null || message.type() == ResponseType.SIMPLE || message.size() < 3) {
            return;
        }
        if ("message".equalsIgnoreCase(message.get(0).toString()) && channel().equals(message.get(1).toString())) {
            apply(message.get(2).toString());
        }
    }

    /** Applies one {@code <jti>|<exp ms>} entry; false if malformed or expired. */
    private boolean apply(String member) {
        Optional<Map.Entry<String, Long>> entry = parse(member);
        if (entry.isEmpty() || entry.get().getValue() <= System.currentTimeMillis()) {
            return false;
        }
        revoked.merge(entry.get().getKey(), entry.get().getValue(), Math::max);
        return true;
    }

    static Optional<Map.Entry<String, Long>> parse(String member) {
        if (member == null) {
            return Optional.empty();
        }
        int at = member.lastIndexOf(SEPARATOR);
        if (at <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(Map.entry(member.substring(0, at), Long.parseLong(member.substring(at + 1))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private String key() {
        return config.prefix() + "jwt:revoked";
    }

    private String channel() {
        return config.prefix() + "jwt:revocations";
    }
}
