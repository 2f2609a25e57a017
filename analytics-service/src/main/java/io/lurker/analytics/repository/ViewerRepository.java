package io.lurker.analytics.repository;

import static io.lurker.analytics.repository.Params.instant;
import static io.lurker.analytics.repository.Params.integer;
import static io.lurker.analytics.repository.Params.longValue;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Viewer numbers computed from a channel's polls (REFERENCE §7): each poll of the channel
 * stands for the time until its next poll, clipped to the window, unless the next poll is more
 * than two poll intervals away — then that stretch is missing data, counted neither as live
 * nor as offline. Hours watched = Σ viewers × Δt over live stretches; average viewers = hours
 * watched ÷ live hours.
 */
@ApplicationScoped
public class ViewerRepository {

    /** Totals over a window. Seconds are of stretches within the gap threshold. */
    public record Totals(double liveSeconds, double viewerSeconds, double coveredSeconds, long streams,
            Integer intervalSeconds, Integer peakViewers, Instant peakAt) {
    }

    /** One bucket of a series. */
    public record Bucket(Instant start, double liveSeconds, double viewerSeconds, double coveredSeconds,
            Integer peakViewers) {
    }

    /** Time in one game. */
    public record GameTime(String gameId, String gameName, double liveSeconds, double viewerSeconds, int peakViewers) {
    }

    /** A change seen between two polls of one broadcast. */
    public record Marker(Instant at, String kind, String gameId, String gameName, String title, String previousGameName,
            String previousTitle) {
    }

    /** Rows of a query and the coverage of the same pass: covered seconds and the most common poll interval. */
    public record Covered<T>(List<T> rows, double coveredSeconds, Integer intervalSeconds) {
    }

    /** One weekday × hour cell (UTC; ISO weekday 1 = Monday). */
    public record HeatCell(int weekday, int hour, double liveSeconds, double viewerSeconds) {
    }

    // parameters: channel, from, to, from, to
    private static final String INTERVALS = """
            WITH polled AS (
                SELECT sampled_at, live, stream_id, viewer_count, game_id, game_name, title, interval_seconds,
                       lead(sampled_at) OVER (ORDER BY sampled_at) AS next_at
                FROM stream_snapshot
                WHERE channel_id = ? AND sampled_at >= ?::timestamptz - interval '2 hours'
                  AND sampled_at < ?::timestamptz + interval '2 hours'
            ), ivc AS (
                SELECT *, extract(epoch FROM b - a) AS secs FROM (
                    SELECT p.*, greatest(p.sampled_at, ?::timestamptz) AS a, least(p.next_at, ?::timestamptz) AS b,
                           p.next_at - p.sampled_at <= 2 * p.interval_seconds * interval '1 second' AS counted
                    FROM polled p WHERE p.next_at IS NOT NULL) x
                WHERE b > a
            )
            """;

    private static final String TOTALS = INTERVALS + """
            , peak AS (
                SELECT viewer_count, sampled_at FROM polled
                WHERE live AND sampled_at >= ? AND sampled_at < ?
                ORDER BY viewer_count DESC, sampled_at LIMIT 1
            )
            SELECT coalesce(sum(secs) FILTER (WHERE live AND counted), 0) AS live_seconds,
                   coalesce(sum(secs * viewer_count) FILTER (WHERE live AND counted), 0) AS viewer_seconds,
                   coalesce(sum(secs) FILTER (WHERE counted), 0) AS covered_seconds,
                   count(DISTINCT stream_id) FILTER (WHERE live) AS streams,
                   mode() WITHIN GROUP (ORDER BY interval_seconds) AS interval_seconds,
                   (SELECT viewer_count FROM peak) AS peak_viewers, (SELECT sampled_at FROM peak) AS peak_at
            FROM ivc
            """;

    private static final String SERIES = INTERVALS + """
            , split AS (
                SELECT ivc.live, ivc.counted, ivc.viewer_count, bk,
                       extract(epoch FROM least(ivc.b, bk + ? * interval '1 second') - greatest(ivc.a, bk)) AS part
                FROM ivc, LATERAL generate_series(
                    to_timestamp(floor(extract(epoch FROM ivc.a) / ?) * ?), ivc.b - interval '1 microsecond',
                    ? * interval '1 second') AS bk
            ), peaks AS (
                SELECT to_timestamp(floor(extract(epoch FROM sampled_at) / ?) * ?) AS bk, max(viewer_count) AS peak
                FROM polled WHERE live AND sampled_at >= ? AND sampled_at < ? GROUP BY 1
            ), sums AS (
                SELECT bk, coalesce(sum(part) FILTER (WHERE live AND counted), 0) AS live_seconds,
                       coalesce(sum(part * viewer_count) FILTER (WHERE live AND counted), 0) AS viewer_seconds,
                       coalesce(sum(part) FILTER (WHERE counted), 0) AS covered_seconds
                FROM split GROUP BY bk
            )
            SELECT coalesce(s.bk, p.bk) AS bucket, coalesce(s.live_seconds, 0) AS live_seconds,
                   coalesce(s.viewer_seconds, 0) AS viewer_seconds, coalesce(s.covered_seconds, 0) AS covered_seconds,
                   p.peak, (SELECT coalesce(sum(secs) FILTER (WHERE counted), 0) FROM ivc) AS total_covered,
                   (SELECT mode() WITHIN GROUP (ORDER BY interval_seconds) FROM ivc) AS total_interval
            FROM sums s FULL JOIN peaks p ON p.bk = s.bk
            ORDER BY 1
            """;

    private static final String GAMES = INTERVALS + """
            SELECT game_id, max(game_name) AS game_name, sum(secs) AS live_seconds, sum(secs * viewer_count) AS viewer_seconds,
                   max(viewer_count) AS peak, (SELECT coalesce(sum(secs) FILTER (WHERE counted), 0) FROM ivc) AS total_covered,
                   (SELECT mode() WITHIN GROUP (ORDER BY interval_seconds) FROM ivc) AS total_interval
            FROM ivc WHERE live AND counted
            GROUP BY game_id ORDER BY live_seconds DESC
            """;

    private static final String HEATMAP = INTERVALS + """
            , split AS (
                SELECT ivc.viewer_count, bk,
                       extract(epoch FROM least(ivc.b, bk + interval '1 hour') - greatest(ivc.a, bk)) AS part
                FROM ivc, LATERAL generate_series(date_trunc('hour', ivc.a, 'UTC'), ivc.b - interval '1 microsecond',
                    interval '1 hour') AS bk
                WHERE ivc.live AND ivc.counted
            )
            SELECT extract(isodow FROM bk AT TIME ZONE 'UTC')::int AS weekday, extract(hour FROM bk AT TIME ZONE 'UTC')::int AS hour,
                   sum(part) AS live_seconds, sum(part * viewer_count) AS viewer_seconds, (SELECT coalesce(sum(secs) FILTER (WHERE counted), 0) FROM ivc) AS total_covered,
                   (SELECT mode() WITHIN GROUP (ORDER BY interval_seconds) FROM ivc) AS total_interval
            FROM split GROUP BY 1, 2 ORDER BY 1, 2
            """;

    private static final String MARKERS = """
            SELECT sampled_at, stream_id, prev_stream, game_id, game_name, title, prev_game_id, prev_game_name, prev_title
            FROM (
                SELECT sampled_at, stream_id, game_id, game_name, title,
                       lag(stream_id) OVER w AS prev_stream, lag(game_id) OVER w AS prev_game_id,
                       lag(game_name) OVER w AS prev_game_name, lag(title) OVER w AS prev_title
                FROM stream_snapshot
                WHERE channel_id = ? AND live AND sampled_at >= ?::timestamptz - interval '1 day' AND sampled_at < ?
                WINDOW w AS (ORDER BY sampled_at)
            ) x
            WHERE sampled_at >= ? AND (prev_stream IS DISTINCT FROM stream_id OR prev_game_id IS DISTINCT FROM game_id
                   OR prev_title IS DISTINCT FROM title)
            ORDER BY sampled_at
            """;

    public Totals totals(Connection c, String channelId, Instant from, Instant to) throws SQLException {
        return Params.one(c, TOTALS, rs -> new Totals(rs.getDouble("live_seconds"), rs.getDouble("viewer_seconds"),
                rs.getDouble("covered_seconds"), rs.getLong("streams"), integer(rs, "interval_seconds"),
                integer(rs, "peak_viewers"), instant(rs, "peak_at")),
                channelId, from, to, from, to, from, to);
    }

    public Covered<Bucket> series(Connection c, String channelId, Instant from, Instant to, int bucketSeconds)
            throws SQLException {
        return covered(Params.list(c, SERIES, rs -> withCoverage(rs, new Bucket(instant(rs, "bucket"),
                rs.getDouble("live_seconds"), rs.getDouble("viewer_seconds"), rs.getDouble("covered_seconds"),
                integer(rs, "peak"))), channelId, from, to, from, to,
                bucketSeconds, bucketSeconds, bucketSeconds, bucketSeconds, bucketSeconds, bucketSeconds, from, to));
    }

    public Covered<GameTime> games(Connection c, String channelId, Instant from, Instant to) throws SQLException {
        return covered(Params.list(c, GAMES, rs -> withCoverage(rs, new GameTime(rs.getString("game_id"),
                rs.getString("game_name"), rs.getDouble("live_seconds"), rs.getDouble("viewer_seconds"),
                rs.getInt("peak"))), channelId, from, to, from, to));
    }

    public Covered<HeatCell> heatmap(Connection c, String channelId, Instant from, Instant to) throws SQLException {
        return covered(Params.list(c, HEATMAP, rs -> withCoverage(rs, new HeatCell(rs.getInt("weekday"),
                rs.getInt("hour"), rs.getDouble("live_seconds"), rs.getDouble("viewer_seconds"))),
                channelId, from, to, from, to));
    }

    private static <T> Object[] withCoverage(java.sql.ResultSet rs, T row) throws SQLException {
        return new Object[] {row, rs.getDouble("total_covered"), integer(rs, "total_interval")};
    }

    @SuppressWarnings("unchecked")
    private static <T> Covered<T> covered(List<Object[]> rows) {
        List<T> out = new java.util.ArrayList<>();
        rows.forEach(r -> out.add((T) r[0]));
        return rows.isEmpty() ? new Covered<>(out, 0, null)
                : new Covered<>(out, (Double) rows.get(0)[1], (Integer) rows.get(0)[2]);
    }

    public List<Marker> markers(Connection c, String channelId, Instant from, Instant to) throws SQLException {
        return Params.list(c, MARKERS, rs -> {
            String stream = rs.getString("stream_id");
            String previousStream = rs.getString("prev_stream");
            boolean online = previousStream == null || !previousStream.equals(stream);
            String kind = online ? "online"
                    : !java.util.Objects.equals(rs.getString("prev_game_id"), rs.getString("game_id")) ? "game_change"
                    : "title_change";
            return new Marker(instant(rs, "sampled_at"), kind, rs.getString("game_id"), rs.getString("game_name"),
                    rs.getString("title"), online ? null : rs.getString("prev_game_name"),
                    online ? null : rs.getString("prev_title"));
        }, channelId, from, to, from);
    }

    /** The first poll Lurker holds for the channel, or null. */
    public Instant trackedSince(Connection c, String channelId) throws SQLException {
        return Params.one(c, "SELECT min(sampled_at) AS t FROM stream_snapshot WHERE channel_id = ?",
                rs -> instant(rs, "t"), channelId);
    }

    /** Follower totals: [the last before or at from (or the first inside), the last before to]. */
    public Long[] followers(Connection c, String channelId, Instant from, Instant to) throws SQLException {
        return Params.one(c, """
                SELECT coalesce(
                         (SELECT followers_total FROM channel_follower_sample
                          WHERE channel_id = ? AND sampled_at <= ? ORDER BY sampled_at DESC LIMIT 1),
                         (SELECT followers_total FROM channel_follower_sample
                          WHERE channel_id = ? AND sampled_at > ? AND sampled_at < ? ORDER BY sampled_at LIMIT 1)) AS first,
                       (SELECT followers_total FROM channel_follower_sample
                        WHERE channel_id = ? AND sampled_at < ? ORDER BY sampled_at DESC LIMIT 1) AS last
                """, rs -> new Long[] {longValue(rs, "first"), longValue(rs, "last")},
                channelId, from, channelId, from, to, channelId, to);
    }

}
