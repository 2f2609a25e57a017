package io.lurker.tokenpool.service;

import java.util.List;

/**
 * Outcome of {@link TokenPoolAdmin#reencrypt()}.
 *
 * @param reencrypted values now under the active key
 * @param current     values that already were
 * @param unreadable  records whose value could not be decrypted (key missing or value altered),
 *                    e.g. {@code token:<id>:access}; they keep their old ciphertext
 */
public record ReencryptionReport(int reencrypted, int current, List<String> unreadable) {
}
