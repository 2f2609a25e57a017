package io.lurker.helix.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.lurker.tokenpool.problem.ProblemException;
import io.lurker.tokenpool.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Blocking reads for worker threads (typed API, collectors): JSON of successful answers,
 * Twitch's errors as problems, and cursor paging.
 */
@ApplicationScoped
public class HelixReader {

    private static final ThreadLocal<int[]> CALLS = ThreadLocal.withInitial(() -> new int[1]);

    private final HelixClient client;

    public HelixReader(HelixClient client) {
        this.client = client;
    }

    /** A 2xx answer's JSON; any other status becomes a problem carrying Twitch's message. */
    public JsonNode get(String path, List<Map.Entry<String, String>> query) {
        return find(path, query).orElseThrow(() -> ProblemException.notFound("Twitch has no " + path + " for this request"));
    }

    /** Like {@link #get}, but a 404 is empty. */
    public Optional<JsonNode> find(String path, List<Map.Entry<String, String>> query) {
        CALLS.get()[0]++;
        HelixAnswer answer = client.get(path, query).await().indefinitely();
        if (answer.ok()) {
            return Optional.of(answer.json());
        }
        if (answer.status() == 404) {
            return Optional.empty();
        }
        throw problem(path, answer);
    }

    /**
     * Follows {@code pagination.cursor} and collects {@code data} rows until there is no cursor,
     * {@code max} rows are held, or {@code stop} says so for a page's last row.
     */
    public List<JsonNode> pages(String path, List<Map.Entry<String, String>> query, int max, Predicate<JsonNode> stop) {
        List<JsonNode> rows = new ArrayList<>();
        String cursor = null;
        do {
            List<Map.Entry<String, String>> q = new ArrayList<>(query);
            if (cursor != null) {
                q.add(Map.entry("after", cursor));
            }
            JsonNode page = get(path, q);
            JsonNode last = null;
            for (JsonNode row : page.path("data")) {
                rows.add(row);
                last = row;
            }
            cursor = page.path("pagination").path("cursor").asText(null);
            if (last == null || (stop != null && stop.test(last))) {
                break;
            }
        } while (cursor != null && !cursor.isEmpty() && rows.size() < max);
        return rows.size() > max ? new ArrayList<>(rows.subList(0, max)) : rows;
    }

    /** Helix calls made by this thread so far (a collector run counts its requests with it). */
    public static int callsOnThisThread() {
        return CALLS.get()[0];
    }

    static ProblemException problem(String path, HelixAnswer answer) {
        String message = "Twitch answered " + answer.status() + " for " + path + ": " + answer.message();
        return switch (answer.status()) {
            case 400 -> new ProblemException(ProblemType.INVALID_PARAMETER, 400, message);
            case 429 -> new ProblemException(ProblemType.RATE_LIMITED, 429, message);
            case 401, 403 -> new ProblemException(ProblemType.UNAVAILABLE, 503,
                    "No Twitch token was accepted for " + path + " (" + answer.status() + ")");
            default -> new ProblemException(ProblemType.UPSTREAM_ERROR, 502, message);
        };
    }
}
