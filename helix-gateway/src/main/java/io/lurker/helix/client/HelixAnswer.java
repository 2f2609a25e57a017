package io.lurker.helix.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lurker.tokenpool.problem.ProblemException;
import io.lurker.tokenpool.problem.ProblemType;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;

/** What Twitch answered to one Helix call (after the client's retries): status, headers, body. */
public record HelixAnswer(int status, MultiMap headers, Buffer body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    public String header(String name) {
        return headers.get(name);
    }

    /** The body as JSON; a non-JSON body is an upstream fault (502). */
    public JsonNode json() {
        try {
            return JSON.readTree(body.getBytes());
        } catch (IOException e) {
            throw new ProblemException(ProblemType.UPSTREAM_ERROR, 502, "Twitch answered " + status + " with a body that is not JSON");
        }
    }

    /** Twitch's {@code message} of an error answer, for problem details (never carries a token). */
    public String message() {
        try {
            JsonNode node = JSON.readTree(body.getBytes());
            return node.path("message").asText("HTTP " + status);
        } catch (IOException | RuntimeException e) {
            return "HTTP " + status;
        }
    }
}
