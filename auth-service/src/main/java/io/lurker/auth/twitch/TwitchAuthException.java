package io.lurker.auth.twitch;

/**
 * Twitch's auth endpoint answered with an error. {@code reason} is Twitch's own message
 * (e.g. {@code invalid client secret}), which never carries a secret; {@code status} 0 means
 * Twitch could not be reached.
 */
public class TwitchAuthException extends RuntimeException {

    private final int status;
    private final String reason;

    public TwitchAuthException(int status, String reason) {
        super("Twitch answered " + status + ": " + reason, null, false, false);
        this.status = status;
        this.reason = reason;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    /** Twitch refused what we sent (4xx), as opposed to failing or being unreachable. */
    public boolean refused() {
        return status >= 400 && status < 500;
    }
}
