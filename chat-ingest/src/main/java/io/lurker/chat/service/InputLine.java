package io.lurker.chat.service;

import java.time.Instant;

/**
 * One line of an import or parse request: the bytes of a text/plain line, or the text of a
 * JSON element, with the receive time the request states (null: now).
 */
public record InputLine(byte[] bytes, String text, Instant receivedAt) {

    public static InputLine ofBytes(byte[] bytes) {
        return new InputLine(bytes, null, null);
    }

    public static InputLine ofText(String text, Instant receivedAt) {
        return new InputLine(null, text, receivedAt);
    }
}
