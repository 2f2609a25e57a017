package io.lurker.tokenpool.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenPoolConfigTest {

    private static TokenPoolConfig load(Map<String, String> env) {
        return new SmallRyeConfigBuilder()
                .withMapping(TokenPoolConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new EnvConfigSource(env, 300))
                .build()
                .getConfigMapping(TokenPoolConfig.class);
    }

    @Test
    void defaultsNeedNoConfigurationAtAll() {
        TokenPoolConfig config = load(Map.of());

        assertThat(config.prefix()).isEqualTo("lurker:auth:");
        assertThat(config.defaultLimit()).isEqualTo(800);
        assertThat(config.redisTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.lease().expiryMargin()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.lease().idlePoll()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.encryption().keys()).isEmpty();
        assertThat(config.encryption().activeKey()).isEmpty();
    }

    @Test
    void keysComeFromEnvironmentVariablesAsDocumented() {
        TokenPoolConfig config = load(Map.of(
                "LURKER_TOKEN_POOL_ENCRYPTION_KEYS_K2026A", "a2V5",
                "LURKER_TOKEN_POOL_ENCRYPTION_ACTIVE_KEY", "k2026a"));

        assertThat(config.encryption().keys()).containsEntry("k2026a", "a2V5");
        assertThat(config.encryption().activeKey()).contains("k2026a");
    }
}
