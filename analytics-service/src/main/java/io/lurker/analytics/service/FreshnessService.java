package io.lurker.analytics.service;

import io.lurker.analytics.repository.FreshnessRepository;
import io.lurker.analytics.repository.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

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

    private static final String NOTE = "latestAt = newest event time stored per kind (poll time for snapshots and "
            + "samples, sent time for chat); recentEvents counts stored events whose event time lies in the last "
            + "'minutes' (chat messages from the per-minute rollups, from the start of the minute)";

    private final Jdbc jdbc;
    private final FreshnessRepository repository;
    private final Clock clock;

    public FreshnessService(Jdbc jdbc, FreshnessRepository repository, Clock clock) {
        this.jdbc = jdbc;
        this.repository = repository;
        this.clock = clock;
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
