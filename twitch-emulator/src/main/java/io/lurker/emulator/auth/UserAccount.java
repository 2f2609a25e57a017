package io.lurker.emulator.auth;

import java.util.List;

/** A user who authorised an application: the refresh token stands for that grant. */
public record UserAccount(String userId, String login, String clientId, List<String> scopes, String refreshToken) {

    @Override
    public String toString() {
        return "UserAccount[user=" + userId + ", client=" + clientId + ", scopes=" + scopes + "]";
    }
}
