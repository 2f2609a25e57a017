package io.lurker.tokenpool;

import static org.assertj.core.api.Assertions.assertThat;

import io.lurker.tokenpool.model.BucketKey;
import io.lurker.tokenpool.model.NewToken;
import io.lurker.tokenpool.model.RateLimitHeaders;
import io.lurker.tokenpool.model.TokenRequirements;
import io.lurker.tokenpool.service.Lease;
import io.lurker.tokenpool.service.TokenPool;
import io.lurker.tokenpool.service.TokenPoolAdmin;
import io.lurker.tokenpool.testing.TestEncryptionKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The jar inside a real Quarkus application: its beans are found through the Jandex index,
 * configured through {@code lurker.token-pool.*} and use the application's Redis client.
 */
@QuarkusTest
@TestProfile(TokenPoolWiringTest.Profile.class)
class TokenPoolWiringTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(TestEncryptionKeys.config());
            config.put("lurker.token-pool.prefix", "lurker-test:" + UUID.randomUUID() + ":auth:");
            config.put("lurker.token-pool.default-limit", "120");
            config.put("quarkus.redis.hosts", "redis://127.0.0.1:6379");
            config.put("quarkus.devservices.enabled", "false");
            config.put("quarkus.http.test-port", "0");
            return config;
        }
    }

    @Inject
    TokenPool pool;

    @Inject
    TokenPoolAdmin admin;

    @Inject
    Redis redis;

    @ConfigProperty(name = "lurker.token-pool.prefix")
    String prefix;

    @AfterEach
    void removeKeys() {
        Response keys = redis.send(Request.cmd(Command.KEYS).arg(prefix + "*")).await().indefinitely();
        for (Response key : keys) {
            redis.send(Request.cmd(Command.DEL).arg(key.toString())).await().indefinitely();
        }
    }

    @Test
    void theInjectedPoolLeasesWhatTheInjectedAdminStoredUnderTheConfiguredPrefixAndLimit() {
        admin.putToken(NewToken.app("wired", "wired-token", null)).await().atMost(Duration.ofSeconds(10));

        Lease lease = pool.leaseBlocking(TokenRequirements.app(), Duration.ofSeconds(2));
        lease.observe(RateLimitHeaders.parse("120", "100", null)).await().atMost(Duration.ofSeconds(10));

        assertThat(lease.accessToken()).isEqualTo("wired-token");
        assertThat(pool.bucket(BucketKey.app("wired")).await().atMost(Duration.ofSeconds(10)).orElseThrow())
                .satisfies(b -> {
                    assertThat(b.limit()).isEqualTo(120);
                    assertThat(b.pointsLeft()).isLessThan(110);
                });
        Response stored = redis.send(Request.cmd(Command.HGET).arg(prefix + "token:" + lease.tokenId()).arg("access"))
                .await().indefinitely();
        assertThat(stored.toString()).startsWith("v1." + TestEncryptionKeys.KEY_A_ID + ".");
    }
}
