package io.lurker.gql.client;

import java.time.Instant;

/** A token with everything it is bound to. {@link #toString()} shows no secret. */
public record IntegrityToken(String token, String deviceId, String clientId, String userAgent, Instant expiresAt) {

    @Override
    public String toString() {
        return "IntegrityToken[clientId=" + clientId + ", expiresAt=" + expiresAt + "]";
    }
}
