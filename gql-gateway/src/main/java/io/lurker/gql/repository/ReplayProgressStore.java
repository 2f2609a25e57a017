package io.lurker.gql.repository;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lurker.gql.config.GqlConfig;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.set.SetCommands;
import io.quarkus.redis.datasource.value.ValueCommands;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Replay progress in Redis ({@code <prefix>replay:<video_id>}, listed in {@code <prefix>replays}):
 * where paging stands (cursor, offset), how much was published, the job's state. A restarted
 * service continues from here; the per-video lock keeps one replica per job.
 */
@ApplicationScoped
public class ReplayProgressStore {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** A replay job's state. The cursor is Twitch's paging cursor, not a secret. */
    public record Progress(String videoId, String state, String channelId, String channelLogin, String cursor,
                           int lastOffsetSeconds, long commentsPublished, long batchesPublished, Long lengthSeconds,
                           Instant startedAt, Instant updatedAt, Instant completedAt, String error) {

        public static final String RUNNING = "running";
        public static final String PAUSED = "paused";
        public static final String COMPLETE = "complete";
        public static final String FAILED = "failed";

        public Progress with(String newState, String newError) {
            return new Progress(videoId, newState, channelId, channelLogin, cursor, lastOffsetSeconds, commentsPublished,
                    batchesPublished, lengthSeconds, startedAt, Instant.now(), COMPLETE.equals(newState) ? Instant.now() : completedAt,
                    newError);
        }
    }

    private final RedisDataSource redis;
    private final ValueCommands<String, String> values;
    private final SetCommands<String, String> sets;
    private final GqlConfig config;

    public ReplayProgressStore(RedisDataSource redis, GqlConfig config) {
        this.redis = redis;
        this.values = redis.value(String.class);
        this.sets = redis.set(String.class);
        this.config = config;
    }

    public Optional<Progress> load(String videoId) {
        String json = values.get(key(videoId));
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(json, Progress.class));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    public void save(Progress progress) {
        try {
            values.set(key(progress.videoId()), JSON.writeValueAsString(progress));
        } catch (Exception e) {
            throw new IllegalStateException("cannot write replay progress", e);
        }
        sets.sadd(config.redisPrefix() + "replays", progress.videoId());
    }

    public void delete(String videoId) {
        redis.key().del(key(videoId));
        sets.srem(config.redisPrefix() + "replays", videoId);
    }

    public List<Progress> all() {
        List<Progress> all = new ArrayList<>();
        for (String videoId : sets.smembers(config.redisPrefix() + "replays")) {
            load(videoId).ifPresent(all::add);
        }
        all.sort((a, b) -> a.videoId().compareTo(b.videoId()));
        return all;
    }

    /** Takes or extends the job's lock; false when another owner holds it. */
    public boolean lock(String videoId, String owner, Duration ttl) {
        String key = config.redisPrefix() + "replay-lock:" + videoId;
        if (redis.execute("SET", key, owner, "NX", "PX", Long.toString(ttl.toMillis())) != null) {
            return true;
        }
        if (owner.equals(values.get(key))) {
            redis.key().pexpire(key, ttl.toMillis());
            return true;
        }
        return false;
    }

    public void unlock(String videoId, String owner) {
        String key = config.redisPrefix() + "replay-lock:" + videoId;
        if (owner.equals(values.get(key))) {
            redis.key().del(key);
        }
    }

    private String key(String videoId) {
        return config.redisPrefix() + "replay:" + videoId;
    }
}
