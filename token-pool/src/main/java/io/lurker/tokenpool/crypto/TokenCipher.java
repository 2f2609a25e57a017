package io.lurker.tokenpool.crypto;

import io.lurker.tokenpool.config.TokenPoolConfig;
import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * AES-256-GCM for token material at rest. A stored value reads
 * {@code v1.<key id>.<base64url(96-bit nonce | ciphertext | 128-bit tag)>}: the key id travels
 * with each ciphertext so that values written under an older key stay readable while it is
 * still configured, and {@code reencrypt} can find them. The associated data binds a
 * ciphertext to the record and field it belongs to, so a value copied to another token does
 * not decrypt.
 */
@ApplicationScoped
public class TokenCipher {

    private static final Logger LOG = Logger.getLogger(TokenCipher.class);
    private static final String VERSION = "v1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    /** Used only in dev and test when no key is configured; it protects nothing. */
    static final String INSECURE_DEV_KEY_ID = "insecure-dev";
    private static final byte[] INSECURE_DEV_KEY = "lurker-insecure-dev-key-32-bytes".getBytes(StandardCharsets.US_ASCII);

    private final Map<String, SecretKey> keys;
    private final String activeKeyId;
    private final SecureRandom random = new SecureRandom();

    @Inject
    public TokenCipher(TokenPoolConfig config) {
        this(config.encryption(), LaunchMode.current());
    }

    /**
     * Validates the configured keys and fails fast: outside dev and test a missing key is an
     * error, never a silent default.
     */
    public TokenCipher(TokenPoolConfig.Encryption config, LaunchMode mode) {
        Map<String, SecretKey> parsed = new LinkedHashMap<>();
        config.keys().forEach((id, base64) -> parsed.put(checkId(id), parseKey(id, base64)));
        if (parsed.isEmpty()) {
            if (mode == LaunchMode.NORMAL) {
                throw new IllegalStateException("No token encryption key configured: set lurker.token-pool.encryption.keys.<id>"
                        + " (base64 of 32 random bytes, e.g. `openssl rand -base64 32`) and lurker.token-pool.encryption.active-key=<id>");
            }
            LOG.warnf("No token encryption key configured; using the insecure %s key (launch mode %s only)", INSECURE_DEV_KEY_ID, mode);
            parsed.put(INSECURE_DEV_KEY_ID, new SecretKeySpec(INSECURE_DEV_KEY, "AES"));
            this.activeKeyId = config.activeKey().orElse(INSECURE_DEV_KEY_ID);
        } else {
            this.activeKeyId = config.activeKey().orElseThrow(() -> new IllegalStateException(
                    "lurker.token-pool.encryption.active-key is not set; configured key ids: " + parsed.keySet()));
        }
        if (!parsed.containsKey(activeKeyId)) {
            throw new IllegalStateException("lurker.token-pool.encryption.active-key '" + activeKeyId
                    + "' is not among the configured key ids " + parsed.keySet());
        }
        this.keys = Collections.unmodifiableMap(parsed);
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    public Set<String> keyIds() {
        return keys.keySet();
    }

    /** Encrypts under the active key; {@code context} names the record and field (associated data). */
    public String encrypt(String plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(activeKeyId, context));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return VERSION + "." + activeKeyId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** Decrypts a value written by {@link #encrypt}; the message of a failure never holds the value. */
    public String decrypt(String stored, String context) {
        String[] parts = stored == null ? new String[0] : stored.split("\\.", 3);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            throw new TokenDecryptionException("The stored value of " + context + " is not a " + VERSION + " ciphertext");
        }
        SecretKey key = keys.get(parts[1]);
        if (key == null) {
            throw new TokenDecryptionException("The stored value of " + context + " was encrypted with key '" + parts[1]
                    + "', which is not configured (configured: " + keys.keySet() + ")");
        }
        try {
            byte[] in = Base64.getUrlDecoder().decode(parts[2]);
            if (in.length < NONCE_BYTES + TAG_BITS / 8) {
                throw new TokenDecryptionException("The stored value of " + context + " is truncated");
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(aad(parts[1], context));
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            // no cause: it could describe the bytes
            throw new TokenDecryptionException("The stored value of " + context + " does not authenticate under key '" + parts[1] + "'");
        }
    }

    /** The key id a stored value was encrypted with, if it is a ciphertext of this format. */
    public static Optional<String> keyIdOf(String stored) {
        if (stored == null) {
            return Optional.empty();
        }
        String[] parts = stored.split("\\.", 3);
        return parts.length == 3 && VERSION.equals(parts[0]) ? Optional.of(parts[1]) : Optional.empty();
    }

    /** True when the value is not under the active key and should be re-encrypted. */
    public boolean needsReencryption(String stored) {
        return !keyIdOf(stored).map(activeKeyId::equals).orElse(false);
    }

    @Override
    public String toString() {
        return "TokenCipher[active=" + activeKeyId + ", keys=" + keys.keySet() + "]";
    }

    private static byte[] aad(String keyId, String context) {
        return (VERSION + "|" + keyId + "|" + context).getBytes(StandardCharsets.UTF_8);
    }

    private static String checkId(String id) {
        if (!KEY_ID.matcher(id).matches()) {
            throw new IllegalStateException("Encryption key id '" + id + "' must be 1-32 characters of [A-Za-z0-9_-]");
        }
        return id;
    }

    private static SecretKey parseKey(String id, String base64) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Encryption key '" + id + "' is not valid base64");
        }
        if (raw.length != 32) {
            throw new IllegalStateException("Encryption key '" + id + "' must be 32 bytes (AES-256), got " + raw.length);
        }
        return new SecretKeySpec(raw, "AES");
    }
}
