package io.lurker.tokenpool.model;

/**
 * The decrypted client secret of one credential, read by auth-service to mint app tokens.
 * {@code toString} redacts it.
 */
public record ClientSecret(String clientId, String secret) {

    @Override
    public String toString() {
        return "ClientSecret[clientId=" + clientId + ", secret=<redacted>]";
    }
}
