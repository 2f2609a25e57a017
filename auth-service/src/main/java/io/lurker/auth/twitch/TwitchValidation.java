package io.lurker.auth.twitch;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** What {@code GET /oauth2/validate} answered for a valid token. */
public record TwitchValidation(String clientId, Optional<String> userId, Optional<String> login, Set<String> scopes,
                               Optional<Instant> expiresAt) {
}
