package io.lurker.auth.twitch;

import java.time.Duration;

/** What {@code POST /oauth2/device} answered. The device code is a secret; {@code toString} redacts it. */
public record DeviceStart(String deviceCode, String userCode, String verificationUri, Duration expiresIn, Duration interval) {

    @Override
    public String toString() {
        return "DeviceStart[deviceCode=<redacted>, userCode=" + userCode + ", verificationUri=" + verificationUri
                + ", expiresIn=" + expiresIn + ", interval=" + interval + "]";
    }
}
