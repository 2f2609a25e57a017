package io.lurker.helix.collector;

import io.lurker.helix.messaging.EventPublisher.OutgoingEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One collector job: reads Helix, answers the events of one poll. Publishing and leases are the runner's. */
public interface Collector {

    /** {@code streams}, {@code categories}, {@code clips}, {@code clip-views}, {@code vods}, {@code channels}. */
    String name();

    /** The window a run covers when the caller gives none (e.g. clips: the last 2 h). */
    default Duration defaultLookback() {
        return Duration.ZERO;
    }

    Poll collect(Run run);

    /**
     * One run: the window, the poll id (natural key of its batches), the configured interval
     * and the collector's shared state from the previous poll.
     */
    record Run(Instant since, Instant until, Instant now, String pollId, int intervalSeconds, Map<String, String> state) {
    }

    /** A poll's events and the state to keep for the next one (empty: unchanged). */
    record Poll(List<OutgoingEvent> events, Optional<Map<String, String>> state) {

        public static Poll of(List<OutgoingEvent> events) {
            return new Poll(events, Optional.empty());
        }
    }
}
