package io.lurker.chat.connection;

import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Spreads channels over chat-ingest replicas: one Redis key per channel,
 * {@code <prefix>lease:<login>} = replica id with a TTL. Every heartbeat a replica renews its
 * leases (only if still its own), drops the ones it lost, and claims free wanted channels
 * ({@code SET NX PX}) up to its capacity; on shutdown it deletes its own. A replica that dies
 * stops renewing, so its channels fall free after the TTL and others claim them.
 */
public final class ChannelLeases {

    private static final Logger LOG = Logger.getLogger(ChannelLeases.class);
    private static final String RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then "
            + "return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
    private static final String RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then "
            + "return redis.call('del', KEYS[1]) else return 0 end";

    private final RedisDataSource redis;
    private final String prefix;
    private final String replicaId;
    private final int capacity;
    private final Duration ttl;
    private final Set<String> owned = ConcurrentHashMap.newKeySet();

    public ChannelLeases(RedisDataSource redis, String prefix, String replicaId, int capacity, Duration ttl) {
        this.redis = redis;
        this.prefix = prefix;
        this.replicaId = replicaId;
        this.capacity = capacity;
        this.ttl = ttl;
    }

    public String replicaId() {
        return replicaId;
    }

    /** The channels this replica holds now. */
    public Set<String> owned() {
        return Collections.unmodifiableSet(owned);
    }

    String key(String login) {
        return prefix + "lease:" + login;
    }

    /** Renews, drops lost and unwanted leases, claims free wanted channels up to capacity. */
    public synchronized void heartbeat(Collection<String> wanted) {
        String ms = Long.toString(ttl.toMillis());
        Set<String> want = new LinkedHashSet<>(wanted);
        for (String login : new ArrayList<>(owned)) {
            if (!want.contains(login)) {
                release(login);
                continue;
            }
            Response renewed = redis.execute("EVAL", RENEW, "1", key(login), replicaId, ms);
            if (renewed == null || renewed.toLong() == 0) {
                owned.remove(login);
                LOG.infof("lease of %s lost", login);
            }
        }
        for (String login : want) {
            if (owned.size() >= capacity) {
                break;
            }
            if (owned.contains(login)) {
                continue;
            }
            Response set = redis.execute("SET", key(login), replicaId, "NX", "PX", ms);
            if (set != null && "OK".equals(set.toString())) {
                owned.add(login);
            }
        }
    }

    private void release(String login) {
        owned.remove(login);
        redis.execute("EVAL", RELEASE, "1", key(login), replicaId);
    }

    /** Gives every lease back (shutdown). */
    public synchronized void releaseAll() {
        for (String login : new ArrayList<>(owned)) {
            try {
                release(login);
            } catch (RuntimeException e) {
                LOG.debugf("lease of %s not released: %s", login, e.getMessage());
            }
        }
    }

    /** Who holds a channel's lease now (null: nobody). */
    public String holder(String login) {
        Response r = redis.execute("GET", key(login));
        return r == null ? null : r.toString();
    }

    List<String> ownedSorted() {
        return owned.stream().sorted().toList();
    }
}
