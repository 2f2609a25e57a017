package io.lurker.integrity.repository;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.lurker.integrity.browser.CapturedToken;
import io.lurker.integrity.config.IntegrityConfig;
import io.lurker.tokenpool.crypto.TokenCipher;
import io.lurker.tokenpool.crypto.TokenDecryptionException;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.redis.datasource.value.ValueCommands;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The current token in Redis ({@code <prefix>token}), kept until shortly before its expiry,
 * and the lock that keeps captures one at a time across replicas ({@code <prefix>capture-lock}).
 * The record (token, device id, user agent, the captured request) is encrypted at rest with
 * token-pool's AES-GCM {@link TokenCipher} (keys {@code lurker.token-pool.encryption.*}); the
 * associated data binds it to its key name. Blocking commands: callers are worker threads.
 */
@ApplicationScoped
public class TokenStore {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static final Logger LOG = Logger.getLogger(TokenStore.class);

    private final ValueCommands<String, String> values;
    private final RedisDataSource redis;
    private final IntegrityConfig config;
    private final TokenCipher cipher;

    public TokenStore(RedisDataSource redis, IntegrityConfig config, TokenCipher cipher) {
        this.redis = redis;
        this.values = redis.value(String.class);
        this.config = config;
        this.cipher = cipher;
    }

    /** The Redis key of the token record (for tests and operators; its value is a ciphertext). */
    public String tokenKey() {
        return config.redisPrefix() + "token";
    }

    private String cipherContext() {
        return "integrity-token|" + tokenKey();
    }

    private String lockKey() {
        return config.redisPrefix() + "capture-lock";
    }

    /** Stores the token until {@code expiresAt - expiry-margin}; a token that would live less is not stored. */
    public boolean save(CapturedToken token) {
        Instant until = token.expiresAt().minus(config.expiryMargin());
        long ttl = Duration.between(Instant.now(), until).toMillis();
        if (ttl <= 0) {
            return false;
        }
        try {
            values.set(tokenKey(), cipher.encrypt(JSON.writeValueAsString(token), cipherContext()), new SetArgs().px(ttl));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the token record", e);
        }
        return true;
    }

    public Optional<CapturedToken> current() {
        String stored = values.get(tokenKey());
        if (stored == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(cipher.decrypt(stored, cipherContext()), CapturedToken.class));
        } catch (TokenDecryptionException e) {
            // e.g. written before encryption or under a removed key; the message never holds the value
            LOG.warnf("The stored integrity token cannot be read (%s); the next capture replaces it", e.getMessage());
            return Optional.empty();
        } catch (Exception e) {
            // an unreadable record is as good as none: the next capture replaces it
            return Optional.empty();
        }
    }

    public void discard() {
        redis.key().del(tokenKey());
    }

    /** Takes the capture lock for {@code ttl}; false when another replica holds it. */
    public boolean lock(String owner, Duration ttl) {
        // SET NX PX in one command, so that a crash between two commands cannot leave an eternal lock
        return redis.execute("SET", lockKey(), owner, "NX", "PX", Long.toString(ttl.toMillis())) != null;
    }

    public void unlock(String owner) {
        if (owner.equals(values.get(lockKey()))) {
            redis.key().del(lockKey());
        }
    }
}
