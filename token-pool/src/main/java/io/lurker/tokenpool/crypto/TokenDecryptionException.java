package io.lurker.tokenpool.crypto;

/**
 * A stored ciphertext cannot be read: its key is not configured, or it was altered. A
 * configuration or integrity fault, not the caller's: services answer 500. The message names
 * the record and the key id, never the value.
 */
public class TokenDecryptionException extends RuntimeException {

    public TokenDecryptionException(String message) {
        super(message, null, false, false);
    }
}
