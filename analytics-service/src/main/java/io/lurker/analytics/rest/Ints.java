package io.lurker.analytics.rest;

import io.lurker.tokenpool.problem.ProblemException;

/** Integer query parameters, read as text so a bad value is a 400 naming the parameter (not a 404). */
final class Ints {

    private Ints() {
    }

    static int parse(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        int v;
        try {
            v = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.badParameter(name, "must be a whole number, not '" + Answers.abbreviate(value) + "'");
        }
        if (v < min || v > max) {
            throw ProblemException.badParameter(name, "must be between " + min + " and " + max);
        }
        return v;
    }
}
