package io.lurker.analytics.service;

import io.lurker.analytics.config.AnalyticsConfig;
import io.lurker.analytics.repository.FreshnessRepository;
import io.lurker.analytics.repository.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How fresh the stored data is, per kind of event: the collection status of the dashboard. */
@ApplicationScoped
public class FreshnessService {

    /**
     * One kind of event.
     *
     * @param latestAt     newest event time stored (null: none yet)
     * @param ageSeconds   seconds from {@code latestAt} to now (null: none yet)
     * @param recentEvents events stored whose event time lies in the last {@code minutes}
     * @param perMinute    {@code recentEvents} ÷ minutes: the ingest rate by event time
     */
    public record KindRow(String kind, String routingKey, Instant latestAt, Long ageSeconds, long recentEvents,
            double perMinute) {
    }

    public record Freshness(Instant now, int minutes, List<KindRow> kinds, Methodology methodology) implements Tabular {
        @Override
        public List<KindRow> csvRows() {
            return kinds;
        }
    }

    /** Events stored per bucket by event time, one column per kind. */
    public record IngestPoint(Instant start, long streamSnapshot, long streamEvent, long chatMessage, long chatEvent,
            long catalogChannel, long catalogClip, long catalogVod, long catalogCategory) {
    }

    public record Ingest(Window window, String granularity, List<IngestPoint> points, Methodology methodology)
            implements Tabular {
        @Override
        public List<IngestPoint> csvRows() {
            return points;
        }
    }

    private static final String INGEST_NOTE = "events stored per bucket by their event time (poll or sample time, "
            + "sent time for chat; chat from the per-minute rollups); a kind late to arrive fills its past buckets later";

    private static final String NOTE = "latestAt = newest event time stored per kind (poll time for snapshots and "
            + "samples, sent time for chat); recentEvents counts stored events whose event time lies in the last "
            + "'minutes' (chat messages from the per-minute rollups, from the start of the minute)";

    private final Jdbc jdbc;
    private final FreshnessRepository repository;
    private final Clock clock;

    private final AnalyticsConfig config;

    public FreshnessService(Jdbc jdbc, FreshnessRepository repository, Clock clock, AnalyticsConfig config) {
        this.jdbc = jdbc;
        this.repository = repository;
        this.clock = clock;
        this.config = config;
    }

    public Ingest ingest(Window window, Granularity granularity) throws SQLException {
        window.buckets(granularity, config.api().maxPoints());
        Map<Instant, long[]> byBucket = new LinkedHashMap<>();
        for (Instant start : window.bucketStarts(granularity)) {
            byBucket.put(start, new long[FreshnessRepository.kinds().size()]);
        }
        List<String> kinds = FreshnessRepository.kinds();
        for (FreshnessRepository.BucketCount b : jdbc.read(c -> repository.perBucket(c, window.from(), window.to(),
                granularity.seconds()))) {
            long[] counts = byBucket.get(b.start());
            if (counts != null) {
                counts[kinds.indexOf(b.kind())] += b.events();
            }
        }
        List<IngestPoint> points = byBucket.entrySet().stream().map(e -> {
            long[] n = e.getValue();
            return new IngestPoint(e.getKey(), n[0], n[1], n[2], n[3], n[4], n[5], n[6], n[7]);
        }).toList();
        return new Ingest(window, granularity.label(), points, new Methodology(null, null, null, null, null, INGEST_NOTE));
    }

    public Freshness freshness(int minutes) throws SQLException {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant since = now.minus(Duration.ofMinutes(minutes));
        List<KindRow> rows = jdbc.read(c -> repository.freshness(c, since)).stream()
                .map(k -> new KindRow(k.kind(), k.routingKey(), k.latestAt(),
                        k.latestAt() == null ? null : Math.max(0, Duration.between(k.latestAt(), now).toSeconds()),
                        k.recentEvents(), Math.round(k.recentEvents() * 100.0 / minutes) / 100.0))
                .toList();
        return new Freshness(now, minutes, rows, new Methodology(null, null, null, null, null, NOTE));
    }
}
