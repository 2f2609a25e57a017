package io.lurker.tokenpool.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lurker.tokenpool.config.TokenPoolConfig;
import io.lurker.tokenpool.service.PoolFixture;
import io.lurker.tokenpool.testing.TestEncryptionKeys;
import io.quarkus.runtime.LaunchMode;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenCipherTest {

    private static TokenPoolConfig.Encryption encryption(Map<String, String> properties) {
        return PoolFixture.config(properties).encryption();
    }

    private static TokenCipher cipher(String active, String... idsAndKeys) {
        Map<String, String> properties = new HashMap<>();
        for (int i = 0; i < idsAndKeys.length; i += 2) {
            properties.put("lurker.token-pool.encryption.keys." + idsAndKeys[i], idsAndKeys[i + 1]);
        }
        if (active != null) {
            properties.put("lurker.token-pool.encryption.active-key", active);
        }
        return new TokenCipher(encryption(properties), LaunchMode.NORMAL);
    }

    private final TokenCipher keyA = cipher("test-a", "test-a", TestEncryptionKeys.KEY_A);

    @Test
    void aValueRoundTripsAndTheStoredFormNamesItsKeyButNotTheValue() {
        String stored = keyA.encrypt("oauth-token-value", "token:t1:access");

        assertThat(stored).startsWith("v1.test-a.").doesNotContain("oauth-token-value");
        assertThat(keyA.decrypt(stored, "token:t1:access")).isEqualTo("oauth-token-value");
        assertThat(TokenCipher.keyIdOf(stored)).contains("test-a");
    }

    @Test
    void everyEncryptionUsesAFreshNonce() {
        assertThat(keyA.encrypt("same", "ctx")).isNotEqualTo(keyA.encrypt("same", "ctx"));
    }

    @Test
    void aValueMovedToAnotherRecordOrAlteredDoesNotDecrypt() {
        String stored = keyA.encrypt("oauth-token-value", "token:t1:access");
        char last = stored.charAt(stored.length() - 1);
        String altered = stored.substring(0, stored.length() - 1) + (last == 'A' ? 'B' : 'A');

        assertThatThrownBy(() -> keyA.decrypt(stored, "token:t2:access"))
                .isInstanceOf(TokenDecryptionException.class).hasMessageContaining("token:t2:access");
        assertThatThrownBy(() -> keyA.decrypt(altered, "token:t1:access")).isInstanceOf(TokenDecryptionException.class);
        assertThatThrownBy(() -> keyA.decrypt("plain-text", "token:t1:access")).isInstanceOf(TokenDecryptionException.class);
    }

    @Test
    void afterRotationOldValuesStayReadableAndNewOnesUseTheNewKey() {
        String old = keyA.encrypt("secret-1", "cred:c:secret");
        TokenCipher rotated = cipher("test-b", "test-a", TestEncryptionKeys.KEY_A, "test-b", TestEncryptionKeys.KEY_B);

        assertThat(rotated.decrypt(old, "cred:c:secret")).isEqualTo("secret-1");
        assertThat(rotated.needsReencryption(old)).isTrue();
        String fresh = rotated.encrypt("secret-1", "cred:c:secret");
        assertThat(fresh).startsWith("v1.test-b.");
        assertThat(rotated.needsReencryption(fresh)).isFalse();

        TokenCipher onlyB = cipher("test-b", "test-b", TestEncryptionKeys.KEY_B);
        assertThat(onlyB.decrypt(fresh, "cred:c:secret")).isEqualTo("secret-1");
        assertThatThrownBy(() -> onlyB.decrypt(old, "cred:c:secret"))
                .isInstanceOf(TokenDecryptionException.class)
                .hasMessageContaining("key 'test-a', which is not configured")
                .hasMessageNotContaining("secret-1");
    }

    @Test
    void withoutAKeyProductionRefusesToStartButDevAndTestUseAnInsecureKey() {
        assertThatThrownBy(() -> new TokenCipher(encryption(Map.of()), LaunchMode.NORMAL))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("lurker.token-pool.encryption.keys");

        TokenCipher dev = new TokenCipher(encryption(Map.of()), LaunchMode.DEVELOPMENT);
        assertThat(dev.activeKeyId()).isEqualTo(TokenCipher.INSECURE_DEV_KEY_ID);
        assertThat(dev.decrypt(dev.encrypt("x", "c"), "c")).isEqualTo("x");
        assertThat(new TokenCipher(encryption(Map.of()), LaunchMode.TEST).activeKeyId()).isEqualTo(TokenCipher.INSECURE_DEV_KEY_ID);
    }

    @Test
    void badKeyConfigurationFailsAtStartWithAReasonAndWithoutTheKey() {
        assertThatThrownBy(() -> cipher(null, "k1", TestEncryptionKeys.KEY_A))
                .hasMessageContaining("active-key is not set");
        assertThatThrownBy(() -> cipher("k2", "k1", TestEncryptionKeys.KEY_A))
                .hasMessageContaining("'k2' is not among the configured key ids [k1]");
        assertThatThrownBy(() -> cipher("k1", "k1", "c2hvcnQ="))
                .hasMessageContaining("must be 32 bytes").hasMessageNotContaining("c2hvcnQ=");
        assertThatThrownBy(() -> cipher("k1", "k1", "not base64!"))
                .hasMessageContaining("not valid base64").hasMessageNotContaining("not base64!");
        assertThatThrownBy(() -> cipher("k.1", "k.1", TestEncryptionKeys.KEY_A))
                .hasMessageContaining("[A-Za-z0-9_-]");
    }

    @Test
    void toStringNamesKeyIdsOnly() {
        assertThat(keyA.toString()).contains("test-a").doesNotContain(TestEncryptionKeys.KEY_A);
    }
}
