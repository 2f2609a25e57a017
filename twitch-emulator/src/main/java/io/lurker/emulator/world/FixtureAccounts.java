package io.lurker.emulator.world;

import java.util.List;

/** Applications and user accounts a fixture registers with the emulator's auth. */
public record FixtureAccounts(List<ClientEntry> clients, List<UserEntry> users) {

    public static final FixtureAccounts NONE = new FixtureAccounts(List.of(), List.of());

    public record ClientEntry(String clientId, String clientSecret, Integer pointsPerMinute) {
    }

    public record UserEntry(String userId, String clientId, List<String> scopes, String refreshToken) {
    }
}
