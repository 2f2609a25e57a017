package io.lurker.tokenpool.testing;

import java.util.Map;

/**
 * Token-pool encryption keys for tests (they protect nothing). A service test configures
 * them with {@link #config()}, e.g. in a {@code QuarkusTestProfile} or as
 * {@code %test.lurker.token-pool.encryption.keys.test-a=...} in its test properties.
 */
public final class TestEncryptionKeys {

    public static final String KEY_A_ID = "test-a";
    public static final String KEY_A = "J99ktMjmDfks6azcblczOQczH1SDwd23+a5B5p+K3lw=";
    public static final String KEY_B_ID = "test-b";
    public static final String KEY_B = "MlWcU/gma9xLzKPNY75OllAoYZJsLdKk04V8O7K+ics=";

    private TestEncryptionKeys() {
    }

    /** Key A, active. */
    public static Map<String, String> config() {
        return Map.of("lurker.token-pool.encryption.keys." + KEY_A_ID, KEY_A,
                "lurker.token-pool.encryption.active-key", KEY_A_ID);
    }
}
