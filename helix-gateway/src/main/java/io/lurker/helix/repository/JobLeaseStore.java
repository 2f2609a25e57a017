package io.lurker.helix.repository;

import io.lurker.helix.config.HelixConfig;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Per-job leases in Redis with fencing tokens: {@code <p>lease:<job>} holds
 * {@code <owner>|<fence>} with a TTL, {@code <p>fence:<job>} only grows. A holder that lost
 * its lease (expired, taken over) is refused by {@link #renew} and {@link #complete}, so a
 * paused replica cannot publish or record a poll after another took over. {@code <p>slot:<job>}
 * is the last completed poll slot: every replica skips a slot already done.
 */
@ApplicationScoped
public class JobLeaseStore {

    private static final String ACQUIRE = """
            local cur = redis.call('GET', KEYS[1])
            if cur then return -1 end
            local fence = redis.call('INCR', KEYS[2])
            redis.call('SET', KEYS[1], ARGV[1] .. '|' .. fence, 'PX', ARGV[2])
            return fence
            """;
    private static final String RENEW = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
            return 0
            """;
    private static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) return 1 end
            return 0
            """;
    private static final String COMPLETE = """
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
            local last = tonumber(redis.call('GET', KEYS[2]) or '-1')
            if tonumber(ARGV[2]) > last then redis.call('SET', KEYS[2], ARGV[2]) end
            return 1
            """;

    private final RedisDataSource redis;
    private final String prefix;

    public JobLeaseStore(RedisDataSource redis, HelixConfig config) {
        this.redis = redis;
        this.prefix = config.redisPrefix();
    }

    /** A held lease: the fence only grows, so a newer holder always has a larger one. */
    public record JobLease(String job, String owner, long fence) {
        String value() {
            return owner + "|" + fence;
        }
    }

    /** Takes the job's lease if free; empty if another holds it. */
    public java.util.Optional<JobLease> tryAcquire(String job, String owner, Duration ttl) {
        Response r = redis.execute("EVAL", ACQUIRE, "2", key("lease", job), key("fence", job), owner,
                Long.toString(ttl.toMillis()));
        long fence = r.toLong();
        return fence < 0 ? java.util.Optional.empty() : java.util.Optional.of(new JobLease(job, owner, fence));
    }

    public boolean renew(JobLease lease, Duration ttl) {
        return redis.execute("EVAL", RENEW, "1", key("lease", lease.job()), lease.value(), Long.toString(ttl.toMillis()))
                .toLong() == 1;
    }

    /** True while this lease is still the job's current one. */
    public boolean holds(JobLease lease) {
        Response r = redis.execute("GET", key("lease", lease.job()));
        return r != null && lease.value().equals(r.toString());
    }

    /** Whether any replica holds the job's lease now. */
    public boolean leaseHeld(String job) {
        return redis.execute("EXISTS", key("lease", job)).toLong() == 1;
    }

    public void release(JobLease lease) {
        redis.execute("EVAL", RELEASE, "1", key("lease", lease.job()), lease.value());
    }

    /** Records the slot as done if this lease is still current; false when fenced out. */
    public boolean complete(JobLease lease, long slot) {
        return redis.execute("EVAL", COMPLETE, "2", key("lease", lease.job()), key("slot", lease.job()), lease.value(),
                Long.toString(slot)).toLong() == 1;
    }

    public OptionalLong lastSlot(String job) {
        Response r = redis.execute("GET", key("slot", job));
        return r == null ? OptionalLong.empty() : OptionalLong.of(r.toLong());
    }

    /** Cluster-wide status of a job: last run, success, error, running. */
    public void status(String job, Map<String, String> fields) {
        if (fields.isEmpty()) {
            return;
        }
        String[] args = new String[1 + fields.size() * 2];
        args[0] = key("status", job);
        int i = 1;
        for (Map.Entry<String, String> e : fields.entrySet()) {
            args[i++] = e.getKey();
            args[i++] = e.getValue();
        }
        redis.execute("HSET", args);
    }

    public Map<String, String> status(String job) {
        Response r = redis.execute("HGETALL", key("status", job));
        Map<String, String> out = new HashMap<>();
        if (r != null) {
            for (String field : r.getKeys()) {
                out.put(field, r.get(field).toString());
            }
        }
        return out;
    }

    /** Shared state of a collector (e.g. the stream monitor's last seen streams). */
    public Map<String, String> state(String job) {
        Response r = redis.execute("HGETALL", key("state", job));
        Map<String, String> out = new HashMap<>();
        if (r != null) {
            for (String field : r.getKeys()) {
                out.put(field, r.get(field).toString());
            }
        }
        return out;
    }

    /** Replaces a collector's state, only while the lease is current. */
    public boolean replaceState(JobLease lease, Map<String, String> state) {
        if (!holds(lease)) {
            return false;
        }
        String key = key("state", lease.job());
        redis.execute("DEL", key);
        if (!state.isEmpty()) {
            String[] args = new String[1 + state.size() * 2];
            args[0] = key;
            int i = 1;
            for (Map.Entry<String, String> e : state.entrySet()) {
                args[i++] = e.getKey();
                args[i++] = e.getValue();
            }
            redis.execute("HSET", args);
        }
        return true;
    }

    public static String now() {
        return Instant.now().toString();
    }

    private String key(String kind, String job) {
        return prefix + "collector:" + kind + ":" + job;
    }
}
