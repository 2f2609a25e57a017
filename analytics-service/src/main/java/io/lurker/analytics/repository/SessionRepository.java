package io.lurker.analytics.repository;

import static io.lurker.analytics.repository.Params.instant;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Broadcasts (stream sessions) and their per-category segments. */
@ApplicationScoped
public class SessionRepository {

    public record Segment(String gameId, String gameName, Instant start, Instant end, double hours, double hoursWatched,
            Double averageViewers, int peakViewers) {
    }

    public record Session(String streamId, Instant startedAt, Instant endedAt, Instant lastSeenAt, int peakViewers,
            Instant peakAt, Double averageViewers, double hoursWatched, double airtimeHours, double missingHours,
            List<Segment> segments) {

        public SessionRow row() {
            return new SessionRow(streamId, startedAt, endedAt, peakViewers, peakAt, averageViewers, hoursWatched,
                    airtimeHours, missingHours, segments.stream().map(Segment::gameName).distinct().toList());
        }
    }

    /** A session flattened for CSV. */
    public record SessionRow(String streamId, Instant startedAt, Instant endedAt, int peakViewers, Instant peakAt,
            Double averageViewers, double hoursWatched, double airtimeHours, double missingHours, List<String> games) {
    }

    public List<Session> sessions(Connection c, String channelId, Instant from, Instant to) throws SQLException {
        Map<String, List<Segment>> segments = new LinkedHashMap<>();
        for (Object[] row : Params.list(c, """
                SELECT g.stream_id, g.game_id, g.game_name, g.started_at, g.ended_at, g.live_seconds, g.viewer_seconds,
                       g.peak_viewers
                FROM stream_session_segment g JOIN stream_session s USING (stream_id)
                WHERE s.channel_id = ? AND s.started_at < ? AND coalesce(s.ended_at, s.last_sample_at) >= ?
                ORDER BY g.stream_id, g.seq""", rs -> new Object[] {rs.getString("stream_id"),
                    new Segment(rs.getString("game_id"), rs.getString("game_name"), instant(rs, "started_at"),
                            instant(rs, "ended_at"), hours(rs.getDouble("live_seconds")),
                            hours(rs.getDouble("viewer_seconds")),
                            avg(rs.getDouble("viewer_seconds"), rs.getDouble("live_seconds")), rs.getInt("peak_viewers"))},
                channelId, to, from)) {
            segments.computeIfAbsent((String) row[0], k -> new ArrayList<>()).add((Segment) row[1]);
        }
        return Params.list(c, """
                SELECT stream_id, started_at, ended_at, last_sample_at, peak_viewers, peak_at, live_seconds,
                       viewer_seconds, missing_seconds
                FROM stream_session
                WHERE channel_id = ? AND started_at < ? AND coalesce(ended_at, last_sample_at) >= ?
                ORDER BY started_at DESC""", rs -> new Session(rs.getString("stream_id"), instant(rs, "started_at"),
                instant(rs, "ended_at"), instant(rs, "last_sample_at"), rs.getInt("peak_viewers"), instant(rs, "peak_at"),
                avg(rs.getDouble("viewer_seconds"), rs.getDouble("live_seconds")), hours(rs.getDouble("viewer_seconds")),
                hours(rs.getDouble("live_seconds")), hours(rs.getDouble("missing_seconds")),
                segments.getOrDefault(rs.getString("stream_id"), List.of())), channelId, to, from);
    }

    private static double hours(double seconds) {
        return Math.round(seconds / 36) / 100.0;
    }

    private static Double avg(double viewerSeconds, double liveSeconds) {
        return liveSeconds <= 0 ? null : Math.round(100 * viewerSeconds / liveSeconds) / 100.0;
    }
}
