package io.lurker.helix.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Helix stops paging a clip query after about 1,000 clips. A range is first cut into windows
 * of {@code initialWindow}; a window whose query came back with {@code cap} clips or more may
 * have been truncated, so it is halved and both halves are asked again, down to
 * {@code minWindow}. Clips are deduplicated by id (a clip on a boundary can come twice).
 */
public final class ClipWindowSplitter {

    /** One capped clip query of a window (all its pages). */
    @FunctionalInterface
    public interface WindowQuery {
        List<JsonNode> clips(Instant from, Instant to);
    }

    /** The clips found, the queries sent and whether some minimal window still hit the cap. */
    public record Sweep(List<JsonNode> clips, int windows, boolean truncated) {
    }

    private final int cap;
    private final Duration initialWindow;
    private final Duration minWindow;

    public ClipWindowSplitter(int cap, Duration initialWindow, Duration minWindow) {
        if (cap < 1 || initialWindow.isNegative() || initialWindow.isZero() || minWindow.isNegative() || minWindow.isZero()) {
            throw new IllegalArgumentException("cap and windows must be positive");
        }
        this.cap = cap;
        this.initialWindow = initialWindow;
        this.minWindow = minWindow;
    }

    public Sweep sweep(Instant from, Instant to, WindowQuery query) {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        int[] windows = {0};
        boolean[] truncated = {false};
        for (Instant start = from; start.isBefore(to); ) {
            Instant end = start.plus(initialWindow).isAfter(to) ? to : start.plus(initialWindow);
            sweepWindow(start, end, query, byId, windows, truncated);
            start = end;
        }
        return new Sweep(new ArrayList<>(byId.values()), windows[0], truncated[0]);
    }

    private void sweepWindow(Instant from, Instant to, WindowQuery query, Map<String, JsonNode> byId, int[] windows,
                             boolean[] truncated) {
        List<JsonNode> clips = query.clips(from, to);
        windows[0]++;
        Duration length = Duration.between(from, to);
        if (clips.size() >= cap && length.compareTo(minWindow.multipliedBy(2)) >= 0) {
            Instant middle = from.plus(length.dividedBy(2));
            sweepWindow(from, middle, query, byId, windows, truncated);
            sweepWindow(middle, to, query, byId, windows, truncated);
            return;
        }
        if (clips.size() >= cap) {
            truncated[0] = true;
        }
        for (JsonNode clip : clips) {
            byId.putIfAbsent(clip.path("id").asText(), clip);
        }
    }
}
