package io.lurker.analytics.service;

/**
 * An event that can never be stored as it is (a required field missing, a value out of
 * range). Its message goes to the dead-letter queue with the reason; retrying cannot help.
 */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String reason) {
        super(reason, null, false, false);
    }

    static void require(boolean condition, String reason) {
        if (!condition) {
            throw new InvalidEventException(reason);
        }
    }

    static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
