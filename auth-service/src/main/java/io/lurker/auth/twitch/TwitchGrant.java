package io.lurker.auth.twitch;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** What {@code POST /oauth2/token} answered. {@code toString} redacts the tokens. */
public record TwitchGrant(String accessToken, Optional<String> refreshToken, Optional<Instant> expiresAt, Set<String> scopes) {

    @Override
    public String toString() {
        return "TwitchGrant[accessToken=<redacted>, refreshToken=" + (refreshToken.isPresent() ? "<redacted>" : "none")
                + ", expiresAt=" + expiresAt + ", scopes=" + scopes + "]";
    }
}
