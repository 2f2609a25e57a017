package io.lurker.tokenpool.service;

import static io.lurker.tokenpool.service.LeaseTest.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lurker.tokenpool.crypto.TokenDecryptionException;
import io.lurker.tokenpool.model.NewToken;
import io.lurker.tokenpool.model.TokenRequirements;
import io.lurker.tokenpool.model.TokenView;
import io.lurker.tokenpool.testing.TestEncryptionKeys;
import io.vertx.mutiny.redis.client.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What Redis really holds, and key rotation. */
class EncryptionAtRestTest {

    private static final Instant IN_AN_HOUR = Instant.now().plusSeconds(3600);
    private static final String KEYS = "lurker.token-pool.encryption.keys.";
    private static final String ACTIVE = "lurker.token-pool.encryption.active-key";

    private final PoolFixture fx = PoolFixture.create();

    @AfterEach
    void close() {
        fx.close();
    }

    /** Every value of every key under the prefix, as raw text. */
    private String everythingStored() {
        StringBuilder all = new StringBuilder();
        for (String key : fx.keys()) {
            String type = fx.raw("TYPE", key).toString();
            Response value = switch (type) {
                case "hash" -> fx.raw("HGETALL", key);
                case "set" -> fx.raw("SMEMBERS", key);
                default -> fx.raw("GET", key);
            };
            all.append(key).append(' ').append(value).append('\n');
        }
        return all.toString();
    }

    private String rawField(String keySuffix, String field) {
        return fx.raw("HGET", fx.prefix() + keySuffix, field).toString();
    }

    @Test
    void redisHoldsCiphertextsOnlyAndTheLeaseDecrypts() {
        await(fx.admin.putCredential("clienta", "client-secret-value"));
        TokenView token = await(fx.admin.putToken(
                NewToken.user("clienta", "1001", "access-token-value", "refresh-token-value", IN_AN_HOUR, Set.of("chat:read"))));

        String stored = everythingStored();
        assertThat(stored).doesNotContain("client-secret-value", "access-token-value", "refresh-token-value");
        assertThat(rawField("token:" + token.id(), "access")).startsWith("v1.test-a.");
        assertThat(rawField("token:" + token.id(), "refresh")).startsWith("v1.test-a.");
        assertThat(rawField("cred:clienta", "secret")).startsWith("v1.test-a.");

        assertThat(await(fx.pool.lease(TokenRequirements.user(), Duration.ZERO)).accessToken()).isEqualTo("access-token-value");
        assertThat(await(fx.admin.clientSecret("clienta")).orElseThrow().secret()).isEqualTo("client-secret-value");
        assertThat(await(fx.admin.tokenSecrets(token.id())).orElseThrow().refreshToken()).contains("refresh-token-value");
    }

    @Test
    void aCiphertextCopiedToAnotherTokenDoesNotDecryptThere() {
        TokenView a = await(fx.admin.putToken(NewToken.app("clienta", "token-a", IN_AN_HOUR)));
        TokenView b = await(fx.admin.putToken(NewToken.app("clientb", "token-b", IN_AN_HOUR)));
        fx.raw("HSET", fx.prefix() + "token:" + b.id(), "access", rawField("token:" + a.id(), "access"));

        assertThatThrownBy(() -> await(fx.pool.lease(TokenRequirements.app().clientId("clientb"), Duration.ZERO)))
                .isInstanceOf(TokenDecryptionException.class)
                .hasMessageNotContaining("token-a");
    }

    @Test
    void rotatingTheKeyKeepsOldValuesReadableThenReencryptsThemAndTheOldKeyCanGo() {
        await(fx.admin.putCredential("clienta", "client-secret-value"));
        TokenView user = await(fx.admin.putToken(
                NewToken.user("clienta", "1001", "user-access", "user-refresh", IN_AN_HOUR, Set.of())));
        TokenView app = await(fx.admin.putToken(NewToken.app("clienta", "app-access", IN_AN_HOUR)));

        // step 1-2: add key B and make it active; A stays configured
        try (PoolFixture rotated = fx.withSettings(Map.of(KEYS + TestEncryptionKeys.KEY_B_ID, TestEncryptionKeys.KEY_B,
                ACTIVE, TestEncryptionKeys.KEY_B_ID))) {
            assertThat(await(rotated.pool.lease(TokenRequirements.app(), Duration.ZERO)).accessToken()).isEqualTo("app-access");
            TokenView added = await(rotated.admin.putToken(NewToken.app("clientb", "new-access", IN_AN_HOUR)));
            assertThat(added.keyId()).isEqualTo(TestEncryptionKeys.KEY_B_ID);
            assertThat(await(rotated.admin.tokens())).extracting(TokenView::keyId)
                    .containsExactlyInAnyOrder("test-a", "test-a", "test-b");

            // step 3: re-encrypt
            ReencryptionReport report = await(rotated.admin.reencrypt());
            assertThat(report.reencrypted()).isEqualTo(4); // client secret, user access + refresh, app access
            assertThat(report.current()).isEqualTo(1);
            assertThat(report.unreadable()).isEmpty();
            assertThat(rawField("token:" + user.id(), "refresh")).startsWith("v1.test-b.");
            assertThat(rawField("cred:clienta", "secret")).startsWith("v1.test-b.");
            assertThat(await(rotated.admin.reencrypt()).reencrypted()).isZero();
        }

        // step 4: remove key A
        Map<String, String> onlyB = new java.util.HashMap<>(fx.properties);
        onlyB.remove(KEYS + TestEncryptionKeys.KEY_A_ID);
        onlyB.put(KEYS + TestEncryptionKeys.KEY_B_ID, TestEncryptionKeys.KEY_B);
        onlyB.put(ACTIVE, TestEncryptionKeys.KEY_B_ID);
        try (PoolFixture withoutA = fx.withProperties(onlyB)) {
            assertThat(await(withoutA.admin.tokenSecrets(user.id())).orElseThrow().refreshToken()).contains("user-refresh");
            assertThat(await(withoutA.admin.tokenSecrets(app.id())).orElseThrow().accessToken()).isEqualTo("app-access");
            assertThat(await(withoutA.admin.clientSecret("clienta")).orElseThrow().secret()).isEqualTo("client-secret-value");
        }
    }

    @Test
    void withoutTheKeyOfAValueReadingItFailsClearlyAndReencryptionReportsIt() {
        TokenView token = await(fx.admin.putToken(NewToken.app("clienta", "app-access", IN_AN_HOUR)));
        Map<String, String> onlyB = new java.util.HashMap<>(fx.properties);
        onlyB.remove(KEYS + TestEncryptionKeys.KEY_A_ID);
        onlyB.put(KEYS + TestEncryptionKeys.KEY_B_ID, TestEncryptionKeys.KEY_B);
        onlyB.put(ACTIVE, TestEncryptionKeys.KEY_B_ID);

        try (PoolFixture withoutA = fx.withProperties(onlyB)) {
            assertThatThrownBy(() -> await(withoutA.admin.tokenSecrets(token.id())))
                    .isInstanceOf(TokenDecryptionException.class)
                    .hasMessageContaining("key 'test-a', which is not configured")
                    .hasMessageNotContaining("app-access");
            ReencryptionReport report = await(withoutA.admin.reencrypt());
            assertThat(report.unreadable()).containsExactly("token:" + token.id() + ":access");
            assertThat(rawField("token:" + token.id(), "access")).startsWith("v1.test-a.");
        }
    }
}
