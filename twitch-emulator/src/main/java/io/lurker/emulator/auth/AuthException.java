package io.lurker.emulator.auth;

/** An id.twitch.tv error: answered as {@code {"status":..,"message":..}}. */
public class AuthException extends RuntimeException {

    private final int status;

    public AuthException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
