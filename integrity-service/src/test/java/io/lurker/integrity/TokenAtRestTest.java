package io.lurker.integrity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lurker.emulator.testing.EmulatorTestResource;
import io.lurker.integrity.browser.CapturedToken;
import io.lurker.integrity.repository.TokenStore;
import io.lurker.tokenpool.testing.TestTokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The token the real browser captured is stored in Redis encrypted (token-pool's AES-GCM): the
 * raw value holds neither the token nor its device id, and the API still serves the token.
 */
@QuarkusTest
@io.quarkus.test.junit.TestProfile(io.lurker.integrity.OwnApp.class)
@WithTestResource(EmulatorTestResource.class)
class TokenAtRestTest {

    @Inject
    TokenStore store;

    @Inject
    RedisDataSource redis;

    @Test
    void theStoredRecordIsACiphertextThatStillServesTheToken() {
        JsonPath served = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> given().auth().oauth2(TestTokens.internal()).get("/api/v1/integrity/token"),
                        answer -> answer.statusCode() == 200)
                .then().extract().jsonPath();
        CapturedToken stored = store.current().orElseThrow();
        assertThat(stored.token()).isEqualTo(served.getString("token"));

        String raw = redis.value(String.class).get(store.tokenKey());
        assertThat(raw).startsWith("v1.");
        assertThat(raw).doesNotContain(stored.token()).doesNotContain(stored.deviceId()).doesNotContain(stored.userAgent())
                .doesNotContain("deviceId");

        // a value copied under another key or altered does not decrypt: the store treats it as no token
        long ttl = redis.key().pttl(store.tokenKey());
        redis.value(String.class).set(store.tokenKey(), raw.substring(0, raw.length() - 2) + (raw.endsWith("AA") ? "BB" : "AA"),
                new SetArgs().px(ttl));
        try {
            assertThat(store.current()).isEmpty();
        } finally {
            redis.value(String.class).set(store.tokenKey(), raw, new SetArgs().px(ttl));
        }
        assertThat(store.current()).contains(stored);
    }
}
