package io.lurker.bench.tokenpool;

import io.lurker.tokenpool.model.RateLimitHeaders;
import io.lurker.tokenpool.service.Lease;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.time.Instant;

/**
 * A stand-in for Helix until the emulator runs: Twitch's bucket per client id (limit per
 * minute, continuous refill, one point per call), kept in Redis so that every lease-client
 * process hits the same "Twitch", with a simulated network latency on each side of it. It
 * answers 200 or 429 with the {@code Ratelimit-*} headers, and counts what it accepted.
 */
public final class SimulatedTwitchUpstream implements Upstream {

    /** ARGV: bucket key, limit. Reply: status, limit, remaining, reset (epoch s). */
    static final String TWITCH_BUCKET = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local limit = tonumber(ARGV[2])
            local v = redis.call('HMGET', ARGV[1], 'points', 'ts')
            local points = tonumber(v[1]) or limit
            local ts = tonumber(v[2]) or now
            if not v[2] then redis.call('HSET', ARGV[1], 'first', now) end
            points = math.min(limit, points + (now - ts) * limit / 60000)
            local status = 429
            if points >= 1 then
              points = points - 1
              status = 200
              redis.call('HINCRBY', ARGV[1], 'accepted', 1)
            else
              redis.call('HINCRBY', ARGV[1], 'rejected', 1)
            end
            redis.call('HSET', ARGV[1], 'points', tostring(points), 'ts', now, 'last', now)
            return { status, limit, math.floor(points), math.ceil((now + (limit - points) * 60000 / limit) / 1000) }
            """;

    private final Vertx vertx;
    private final Redis redis;
    private final String prefix;
    private final int limit;
    private final long halfLatencyMs;

    /**
     * @param prefix    key prefix of the simulated Twitch buckets ({@code <prefix><client id>})
     * @param latencyMs simulated round trip to Twitch, half before and half after the bucket
     */
    public SimulatedTwitchUpstream(Vertx vertx, Redis redis, String prefix, int limit, long latencyMs) {
        this.vertx = vertx;
        this.redis = redis;
        this.prefix = prefix;
        this.limit = limit;
        this.halfLatencyMs = Math.max(0, latencyMs / 2);
    }

    @Override
    public Uni<Answer> call(Lease lease) {
        return delay().chain(() -> redis.send(Request.cmd(Command.EVAL).arg(TWITCH_BUCKET).arg(0)
                        .arg(prefix + lease.clientId()).arg(limit)))
                .map(SimulatedTwitchUpstream::answer)
                .call(this::delay);
    }

    private Uni<Void> delay() {
        if (halfLatencyMs == 0) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().emitter(e -> vertx.setTimer(halfLatencyMs, id -> e.complete(null)));
    }

    private static Answer answer(Response r) {
        return new Answer(r.get(0).toInteger(), new RateLimitHeaders(OptionalInt.of(r.get(1).toInteger()),
                OptionalInt.of(r.get(2).toInteger()), Optional.of(Instant.ofEpochSecond(r.get(3).toLong()))));
    }

    /** What the simulated Twitch accepted for one client id, and in which window. */
    public record Tally(long accepted, long rejected, long firstMs, long lastMs) {
    }

    public static Tally tally(Redis redis, String prefix, String clientId) {
        Response r = redis.send(Request.cmd(Command.HMGET).arg(prefix + clientId).arg("accepted").arg("rejected")
                .arg("first").arg("last")).await().atMost(Duration.ofSeconds(10));
        return new Tally(number(r.get(0)), number(r.get(1)), number(r.get(2)), number(r.get(3)));
    }

    private static long number(Response value) {
        return value == null ? 0 : Long.parseLong(value.toString());
    }
}
