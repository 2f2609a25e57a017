package io.lurker.chat.emote;

/** A provider answered with JSON that is not the documented shape; the fetch counts as failed. */
public class EmoteDecodeException extends Exception {

    public EmoteDecodeException(String message) {
        super(message);
    }

    public EmoteDecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
