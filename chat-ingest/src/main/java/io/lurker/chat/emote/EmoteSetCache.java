package io.lurker.chat.emote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lurker.chat.config.ChatConfig;
import io.lurker.contracts.chat.EmoteProvider;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The last good BTTV/FFZ/7TV sets, per provider and scope, in Redis (so a restart or another
 * replica starts with them) and in memory (so matching never waits on I/O).
 *
 * <p>Redis: one hash per set, {@code <prefix>emotes:<provider>:global} or
 * {@code <prefix>emotes:<provider>:channel:<id>}, fields {@code set} (JSON list of emotes),
 * {@code fetched-at}, and after a failed fetch {@code failed-at} and {@code failure}.
 */
@ApplicationScoped
public class EmoteSetCache implements EmoteSetStore, EmoteLookup {

    private static final Logger LOG = Logger.getLogger(EmoteSetCache.class);
    private static final TypeReference<List<Emote>> EMOTE_LIST = new TypeReference<>() {
    };
    /** Highest precedence first; see {@link EmoteIndex#of}. */
    private static final EmoteProvider[] PRECEDENCE = {EmoteProvider.SEVENTV, EmoteProvider.BTTV, EmoteProvider.FFZ};
    private static final String GLOBAL_ONLY = "";

    private final HashCommands<String, String, String> hashes;
    private final RedisDataSource redis;
    private final ObjectMapper json;
    private final String prefix;
    private final Map<EmoteScope, EmoteSet> sets = new ConcurrentHashMap<>();
    private final Map<String, EmoteIndex> indexes = new ConcurrentHashMap<>();

    public EmoteSetCache(RedisDataSource redis, ObjectMapper json, ChatConfig config) {
        this.redis = redis;
        this.hashes = redis.hash(String.class);
        this.json = json;
        this.prefix = config.redisPrefix();
    }

    void onStart(@Observes StartupEvent event) {
        try {
            int loaded = loadAll();
            LOG.infof("Loaded %d cached emote sets", loaded);
        } catch (RuntimeException e) {
            // Redis down at startup: start with no third-party emotes; the fetcher fills them later
            LOG.warnf("Could not load cached emote sets from Redis: %s", e.getMessage());
        }
    }

    @Override
    public EmoteIndex index(String channelId) {
        return indexes.computeIfAbsent(channelId == null ? GLOBAL_ONLY : channelId, this::build);
    }

    @Override
    public void storeFetched(EmoteSet set, Instant fetchedAt) {
        put(set);
        Map<String, String> fields = new HashMap<>();
        fields.put("set", write(set.emotes()));
        fields.put("fetched-at", fetchedAt.toString());
        hashes.hset(key(set.scope()), fields);
    }

    @Override
    public void recordFailure(EmoteScope scope, String reason, Instant failedAt) {
        hashes.hset(key(scope), Map.of("failed-at", failedAt.toString(),
                "failure", reason == null ? "unknown" : reason));
        if (!sets.containsKey(scope)) {
            lastGood(scope).ifPresent(cached -> put(cached.set()));
        }
    }

    @Override
    public Optional<CachedEmoteSet> lastGood(EmoteScope scope) {
        return read(scope, hashes.hgetall(key(scope)));
    }

    @Override
    public void loadChannel(String channelId) {
        for (EmoteProvider provider : PRECEDENCE) {
            lastGood(EmoteScope.channel(provider, channelId)).ifPresent(cached -> put(cached.set()));
        }
    }

    @Override
    public void forgetChannel(String channelId) {
        for (EmoteProvider provider : PRECEDENCE) {
            sets.remove(EmoteScope.channel(provider, channelId));
        }
        indexes.remove(channelId);
    }

    /** Loads every set cached under the prefix into memory; returns how many. */
    public int loadAll() {
        int loaded = 0;
        String pattern = prefix + "emotes:*";
        for (String key : redis.key().scan(new KeyScanArgs().match(pattern).count(200)).toIterable()) {
            EmoteScope scope = scopeOf(key);
            if (scope == null) {
                continue;
            }
            Optional<CachedEmoteSet> cached = read(scope, hashes.hgetall(key));
            if (cached.isPresent()) {
                put(cached.get().set());
                loaded++;
            }
        }
        return loaded;
    }

    /** The set held in memory for a scope (what matching uses), if any. */
    public Optional<EmoteSet> inMemory(EmoteScope scope) {
        return Optional.ofNullable(sets.get(scope));
    }

    private void put(EmoteSet set) {
        sets.put(set.scope(), set);
        if (set.scope().isGlobal()) {
            indexes.clear();
        } else {
            indexes.remove(set.scope().channelId());
        }
    }

    private EmoteIndex build(String channelId) {
        List<EmoteSet> ordered = new ArrayList<>(6);
        if (!channelId.isEmpty()) {
            for (EmoteProvider provider : PRECEDENCE) {
                ordered.add(sets.get(EmoteScope.channel(provider, channelId)));
            }
        }
        for (EmoteProvider provider : PRECEDENCE) {
            ordered.add(sets.get(EmoteScope.global(provider)));
        }
        return EmoteIndex.of(ordered);
    }

    private Optional<CachedEmoteSet> read(EmoteScope scope, Map<String, String> fields) {
        String set = fields.get("set");
        String fetchedAt = fields.get("fetched-at");
        if (set == null || fetchedAt == null) {
            return Optional.empty();
        }
        try {
            List<Emote> emotes = json.readValue(set, EMOTE_LIST);
            String failedAt = fields.get("failed-at");
            return Optional.of(new CachedEmoteSet(new EmoteSet(scope, emotes), Instant.parse(fetchedAt),
                    failedAt == null ? null : Instant.parse(failedAt), fields.get("failure")));
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warnf("Ignoring unreadable cached emote set %s: %s", scope, e.getMessage());
            return Optional.empty();
        }
    }

    private String write(List<Emote> emotes) {
        try {
            return json.writeValueAsString(emotes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("emote list not serialisable", e);
        }
    }

    String key(EmoteScope scope) {
        return prefix + "emotes:" + scope.providerSlug() + (scope.isGlobal() ? ":global" : ":channel:" + scope.channelId());
    }

    private EmoteScope scopeOf(String key) {
        String rest = key.substring(prefix.length() + "emotes:".length());
        int colon = rest.indexOf(':');
        if (colon < 0) {
            return null;
        }
        EmoteProvider provider;
        try {
            provider = EmoteScope.provider(rest.substring(0, colon));
        } catch (IllegalArgumentException e) {
            return null;
        }
        String scope = rest.substring(colon + 1);
        if (scope.equals("global")) {
            return EmoteScope.global(provider);
        }
        return scope.startsWith("channel:") ? EmoteScope.channel(provider, scope.substring("channel:".length())) : null;
    }
}
