package io.lurker.gql.repository;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lurker.gql.config.GqlConfig;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Persisted-query hashes in Redis ({@code <prefix>hashes}: operation → {hash, source, updatedAt}),
 * shared by every replica. Seeded from configuration at start (without overwriting what
 * discovery or an admin stored since); updated by rediscovery and the admin API.
 */
@ApplicationScoped
public class HashRegistry {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    /** One operation's hash and where it came from: config, discovered, admin. */
    public record Entry(String hash, String source, Instant updatedAt) {
    }

    private final HashCommands<String, String, String> hashes;
    private final GqlConfig config;

    public HashRegistry(RedisDataSource redis, GqlConfig config) {
        this.hashes = redis.hash(String.class);
        this.config = config;
    }

    void seed(@Observes StartupEvent event) {
        config.operations().forEach((operation, op) -> op.hash().filter(h -> !h.isBlank())
                .ifPresent(hash -> hashes.hsetnx(key(), operation, write(new Entry(hash, "config", Instant.now())))));
    }

    private String key() {
        return config.redisPrefix() + "hashes";
    }

    public Optional<String> hash(String operation) {
        return entry(operation).map(Entry::hash);
    }

    public Optional<Entry> entry(String operation) {
        String json = hashes.hget(key(), operation);
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(json, Entry.class));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    public void set(String operation, String hash, String source) {
        hashes.hset(key(), operation, write(new Entry(hash, source, Instant.now())));
    }

    public Map<String, Entry> all() {
        Map<String, Entry> result = new TreeMap<>();
        config.operations().keySet().forEach(op -> entry(op).ifPresent(e -> result.put(op, e)));
        return result;
    }

    private static String write(Entry entry) {
        try {
            return JSON.writeValueAsString(entry);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
