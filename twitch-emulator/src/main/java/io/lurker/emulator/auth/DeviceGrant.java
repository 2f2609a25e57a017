package io.lurker.emulator.auth;

import java.time.Instant;
import java.util.List;

/** A pending or approved device-code authorisation. */
final class DeviceGrant {

    final String deviceCode;
    final String userCode;
    final String clientId;
    final List<String> scopes;
    final Instant expiresAt;
    volatile String approvedUserId;
    volatile boolean redeemed;

    DeviceGrant(String deviceCode, String userCode, String clientId, List<String> scopes, Instant expiresAt) {
        this.deviceCode = deviceCode;
        this.userCode = userCode;
        this.clientId = clientId;
        this.scopes = List.copyOf(scopes);
        this.expiresAt = expiresAt;
    }
}
