package io.lurker.helix.client;

import io.lurker.tokenpool.problem.ProblemException;
import io.lurker.tokenpool.problem.ProblemType;

/**
 * A 2xx Helix answer, or a row of it, that is not of the documented form (a required field
 * missing, null, empty or of another JSON type; {@code data} not an array; a cursor that is not
 * a string or comes back again). The typed API answers it as a 502 problem naming Twitch; a
 * collector leaves the row out and counts it. The message names the field, never its value.
 */
public class MalformedHelixAnswer extends ProblemException {

    private final String field;

    public MalformedHelixAnswer(String path, String field, String reason) {
        super(ProblemType.UPSTREAM_ERROR, 502, "Twitch answered " + path + " with " + field + " " + reason);
        this.field = field;
    }

    /** The field that was not as documented, e.g. {@code view_count} or {@code pagination.cursor}. */
    public String field() {
        return field;
    }
}
