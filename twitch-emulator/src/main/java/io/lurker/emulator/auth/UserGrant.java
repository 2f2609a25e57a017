package io.lurker.emulator.auth;

/** What a refresh or device grant hands out: a user access token and the grant's (maybe new) refresh token. */
public record UserGrant(AccessToken token, UserAccount account) {
}
