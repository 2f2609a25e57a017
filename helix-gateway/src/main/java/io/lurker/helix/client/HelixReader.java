package io.lurker.helix.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.lurker.tokenpool.problem.ProblemException;
import io.lurker.tokenpool.problem.ProblemType;
import io.lurker.tokenpool.service.LeaseTimeoutException;
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
        HelixAnswer answer;
        try {
            answer = client.get(path, query).await().indefinitely();
        } catch (LeaseTimeoutException e) {
            throw unavailable(path, e);
        }
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

    /**
     * Twitch's error answer (after the client's retries) as the problem the caller gets. What the
     * caller cannot fix and may retry — Twitch's rate limit used up, Twitch unavailable, no token
     * accepted — is a 503 with {@code Retry-After}: the caller did not exceed a limit of its own,
     * so it gets no 429.
     */
    static ProblemException problem(String path, HelixAnswer answer) {
        String message = "Twitch answered " + answer.status() + " for " + path + ": " + answer.message();
        return switch (answer.status()) {
            case 400 -> new ProblemException(ProblemType.INVALID_PARAMETER, 400, message);
            case 429 -> unavailable("Twitch's rate limit is used up for " + path, secondsUntilReset(answer));
            case 401, 403 -> unavailable("No Twitch token was accepted for " + path + " (" + answer.status() + ")", 5);
            case 503 -> unavailable(message, retryAfter(answer).orElse(5L));
            default -> new ProblemException(ProblemType.UPSTREAM_ERROR, 502, message);
        };
    }

    /** No token lease before the deadline: every bucket empty (Twitch's rate limit) or every token being refreshed. */
    static ProblemException unavailable(String path, LeaseTimeoutException e) {
        String why = e.reason() == LeaseTimeoutException.Reason.RATE_LIMITED
                ? "Twitch's rate limit is used up for " + path
                : "Every Twitch token is being refreshed or has expired; " + path + " was not called";
        return unavailable(why, e.retryAfterSeconds().orElse(5L));
    }

    private static ProblemException unavailable(String detail, long retryAfterSeconds) {
        long seconds = Math.max(1, retryAfterSeconds);
        return new ProblemException(ProblemType.UNAVAILABLE, 503, detail + "; retry in " + seconds + " s",
                Map.of(ProblemException.RETRY_AFTER_SECONDS, seconds));
    }

    /** Seconds until {@code Ratelimit-Reset} (Unix seconds), at least 1; 60 when the header is missing or malformed. */
    static long secondsUntilReset(HelixAnswer answer) {
        try {
            String reset = answer.header("Ratelimit-Reset");
            return reset == null ? 60 : Math.max(1, Long.parseLong(reset.trim()) - java.time.Instant.now().getEpochSecond());
        } catch (NumberFormatException e) {
            return 60;
        }
    }

    private static Optional<Long> retryAfter(HelixAnswer answer) {
        try {
            String value = answer.header("Retry-After");
            return value == null ? Optional.empty() : Optional.of(Math.max(1, Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
