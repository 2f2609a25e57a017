package io.lurker.integrity.browser;

/** A capture failed; the message is the reason shown to API callers and never carries a token. */
public class CaptureException extends Exception {

    public CaptureException(String reason) {
        super(reason, null, false, false);
    }
}
