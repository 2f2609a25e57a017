package io.lurker.integrity.browser;

import java.time.Instant;

/**
 * What the channel page's GraphQL request carried: the integrity token, the device id it is
 * bound to, the web client id and the browser's user agent, plus the request itself (URL, body)
 * so that it can be replayed as a probe from outside the browser.
 */
public record CapturedToken(String token, String deviceId, String clientId, String userAgent, Instant expiresAt,
                            Instant capturedAt, String gqlUrl, String gqlBody) {

    /** No token material: what logs may show. */
    @Override
    public String toString() {
        return "CapturedToken[clientId=" + clientId + ", expiresAt=" + expiresAt + ", capturedAt=" + capturedAt + "]";
    }
}
