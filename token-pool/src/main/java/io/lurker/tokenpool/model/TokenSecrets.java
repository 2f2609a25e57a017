package io.lurker.tokenpool.model;

import java.util.Optional;

/**
 * The decrypted material of one token, read by auth-service to refresh or revoke it.
 * {@code toString} redacts it; keep it in memory only as long as the call needs it.
 */
public record TokenSecrets(String tokenId, String accessToken, Optional<String> refreshToken) {

    @Override
    public String toString() {
        return "TokenSecrets[tokenId=" + tokenId + ", accessToken=<redacted>, refreshToken="
                + (refreshToken.isPresent() ? "<redacted>" : "none") + "]";
    }
}
