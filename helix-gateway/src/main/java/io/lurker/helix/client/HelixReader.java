package io.lurker.helix.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.lurker.tokenpool.problem.ProblemException;
import io.lurker.tokenpool.problem.ProblemType;
import io.lurker.tokenpool.service.LeaseTimeoutException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
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
        return walk(path, cursor -> {
            List<Map.Entry<String, String>> q = new ArrayList<>(query);
            if (cursor != null) {
                q.add(Map.entry("after", cursor));
            }
            return get(path, q);
        }, max, stop);
    }

    /**
     * The paging of {@link #pages} over any source of pages ({@code fetch} gets the cursor, null
     * for the first page). A page without a {@code data} array, a row that is not an object, a
     * cursor that is not a string, or a cursor seen before (which would page forever) is a
     * {@link MalformedHelixAnswer}. No {@code pagination}, {@code {}}, a null or {@code ""}
     * cursor end the paging, as Twitch ends it.
     */
    static List<JsonNode> walk(String path, Function<String, JsonNode> fetch, int max, Predicate<JsonNode> stop) {
        List<JsonNode> rows = new ArrayList<>();
        Set<String> cursors = new HashSet<>();
        String cursor = null;
        do {
            JsonNode page = fetch.apply(cursor);
            JsonNode last = null;
            for (JsonNode row : rows(path, page)) {
                rows.add(row);
                last = row;
            }
            cursor = cursor(path, page);
            if (cursor != null && !cursors.add(cursor)) {
                throw new MalformedHelixAnswer(path, "pagination.cursor", "repeated (the same page again)");
            }
            if (last == null || (stop != null && stop.test(last))) {
                break;
            }
        } while (cursor != null && rows.size() < max);
        return rows.size() > max ? new ArrayList<>(rows.subList(0, max)) : rows;
    }

    /** A list answer's {@code data} rows; {@code data} must be an array of objects. */
    public static List<JsonNode> rows(String path, JsonNode page) {
        JsonNode data = page == null ? null : page.get("data");
        if (data == null || !data.isArray()) {
            throw new MalformedHelixAnswer(path, "data", HelixFields.shape(data == null ? MissingNode.getInstance() : data, "an array"));
        }
        List<JsonNode> rows = new ArrayList<>(data.size());
        for (JsonNode row : data) {
            if (!row.isObject()) {
                throw new MalformedHelixAnswer(path, "data[" + rows.size() + "]", HelixFields.shape(row, "an object"));
            }
            rows.add(row);
        }
        return rows;
    }

    /** The next page's cursor, or null at the end. */
    private static String cursor(String path, JsonNode page) {
        JsonNode pagination = page.path("pagination");
        if (pagination.isMissingNode() || pagination.isNull()) {
            return null;
        }
        if (!pagination.isObject()) {
            throw new MalformedHelixAnswer(path, "pagination", HelixFields.shape(pagination, "an object"));
        }
        JsonNode cursor = pagination.path("cursor");
        if (cursor.isMissingNode() || cursor.isNull() || (cursor.isTextual() && cursor.asText().isEmpty())) {
            return null;
        }
        if (!cursor.isTextual()) {
            throw new MalformedHelixAnswer(path, "pagination.cursor", HelixFields.shape(cursor, "a string"));
        }
        return cursor.asText();
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
