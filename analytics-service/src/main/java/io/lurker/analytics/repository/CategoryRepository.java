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
 * Category (game) snapshots: each poll of the top games stands for the time until the game's
 * next poll, unless that is more than two poll intervals away (the interval being the most
 * common spacing of the game's polls in the window).
 */
@ApplicationScoped
public class CategoryRepository {

    public record Game(String id, String name, String boxArtUrl) {
    }

    public record Ranked(int rank, String gameId, String gameName, long viewers, int streams, Instant sampledAt) {
    }

    public record Trend(String gameId, String gameName, long viewers, int streams, Instant sampledAt, Long pastViewers,
            Integer pastStreams, Instant pastSampledAt) {
    }

    public record Totals(double coveredSeconds, double viewerSeconds, double streamSeconds, Long peakViewers,
            Instant peakViewersAt, Integer peakStreams, Integer intervalSeconds, Instant trackedSince) {
    }

    public record Bucket(Instant start, double coveredSeconds, double viewerSeconds, double streamSeconds,
            Long peakViewers) {
    }

    // parameters: game, from, to, game, from, to, from, to
    private static final String INTERVALS = """
            WITH polled AS (
                SELECT sampled_at, viewers, streams, lead(sampled_at) OVER (ORDER BY sampled_at) AS next_at
                FROM category_snapshot
                WHERE game_id = ? AND sampled_at >= ?::timestamptz - interval '2 hours'
                  AND sampled_at < ?::timestamptz + interval '2 hours'
            ), spacing AS (
                SELECT coalesce(mode() WITHIN GROUP (ORDER BY round(extract(epoch FROM next_at - sampled_at))), 0) AS s
                FROM polled WHERE next_at IS NOT NULL
            ), ivc AS (
                SELECT *, extract(epoch FROM b - a) AS secs FROM (
                    SELECT p.*, greatest(p.sampled_at, ?::timestamptz) AS a, least(p.next_at, ?::timestamptz) AS b,
                           extract(epoch FROM p.next_at - p.sampled_at) <= 2 * (SELECT s FROM spacing) AS counted
                    FROM polled p WHERE p.next_at IS NOT NULL) x
                WHERE b > a AND counted
            )
            """;

    public Game game(Connection c, String gameId) throws SQLException {
        return Params.one(c, "SELECT game_id, name, box_art_url FROM game WHERE game_id = ?",
                rs -> new Game(rs.getString(1), rs.getString(2), rs.getString(3)), gameId);
    }

    public List<Ranked> top(Connection c, int limit) throws SQLException {
        return Params.list(c, """
                SELECT s.rank, s.game_id, g.name, s.viewers, s.streams, s.sampled_at
                FROM category_snapshot s LEFT JOIN game g USING (game_id)
                WHERE s.sampled_at = (SELECT max(sampled_at) FROM category_snapshot)
                ORDER BY s.rank LIMIT ?""", rs -> new Ranked(rs.getInt(1), rs.getString(2), rs.getString(3),
                rs.getLong(4), rs.getInt(5), instant(rs, "sampled_at")), limit);
    }

    /** Each game's latest poll (within the hour before now) against its own poll nearest to now − hours. */
    public List<Trend> trending(Connection c, Instant now, int hours, int toleranceSeconds) throws SQLException {
        return Params.list(c, """
                WITH latest AS (
                    SELECT DISTINCT ON (game_id) game_id, sampled_at, viewers, streams FROM category_snapshot
                    WHERE sampled_at > ?::timestamptz - interval '1 hour' AND sampled_at <= ?
                    ORDER BY game_id, sampled_at DESC
                )
                SELECT l.game_id, g.name, l.viewers, l.streams, l.sampled_at,
                       p.viewers AS past_viewers, p.streams AS past_streams, p.sampled_at AS past_at
                FROM latest l LEFT JOIN game g USING (game_id)
                LEFT JOIN LATERAL (
                    SELECT sampled_at, viewers, streams FROM category_snapshot c
                    WHERE c.game_id = l.game_id
                      AND c.sampled_at BETWEEN ?::timestamptz - ? * interval '1 second'
                                           AND ?::timestamptz + ? * interval '1 second'
                    ORDER BY abs(extract(epoch FROM c.sampled_at - ?::timestamptz)) LIMIT 1) p ON true
                """, rs -> new Trend(rs.getString("game_id"), rs.getString("name"), rs.getLong("viewers"),
                rs.getInt("streams"), instant(rs, "sampled_at"), longValue(rs, "past_viewers"),
                integer(rs, "past_streams"), instant(rs, "past_at")),
                now, now, target(now, hours), toleranceSeconds, target(now, hours), toleranceSeconds, target(now, hours));
    }

    public Totals totals(Connection c, String gameId, Instant from, Instant to) throws SQLException {
        return Params.one(c, INTERVALS + """
                , peak AS (
                    SELECT viewers, sampled_at FROM polled WHERE sampled_at >= ? AND sampled_at < ?
                    ORDER BY viewers DESC, sampled_at LIMIT 1
                )
                SELECT coalesce(sum(secs), 0) AS covered, coalesce(sum(secs * viewers), 0) AS viewer_seconds,
                       coalesce(sum(secs * streams), 0) AS stream_seconds,
                       (SELECT viewers FROM peak) AS peak_viewers, (SELECT sampled_at FROM peak) AS peak_at,
                       (SELECT max(streams) FROM polled WHERE sampled_at >= ? AND sampled_at < ?) AS peak_streams,
                       (SELECT s FROM spacing)::int AS interval_seconds,
                       (SELECT min(sampled_at) FROM category_snapshot WHERE game_id = ?) AS tracked_since
                FROM ivc""", rs -> new Totals(rs.getDouble("covered"), rs.getDouble("viewer_seconds"),
                rs.getDouble("stream_seconds"), longValue(rs, "peak_viewers"), instant(rs, "peak_at"),
                integer(rs, "peak_streams"), integer(rs, "interval_seconds"), instant(rs, "tracked_since")),
                gameId, from, to, from, to, from, to, from, to, gameId);
    }

    public List<Bucket> series(Connection c, String gameId, Instant from, Instant to, int g) throws SQLException {
        return Params.list(c, INTERVALS + """
                , split AS (
                    SELECT ivc.viewers, ivc.streams, bk,
                           extract(epoch FROM least(ivc.b, bk + ? * interval '1 second') - greatest(ivc.a, bk)) AS part
                    FROM ivc, LATERAL generate_series(to_timestamp(floor(extract(epoch FROM ivc.a) / ?) * ?),
                        ivc.b - interval '1 microsecond', ? * interval '1 second') AS bk
                ), peaks AS (
                    SELECT to_timestamp(floor(extract(epoch FROM sampled_at) / ?) * ?) AS bk, max(viewers) AS peak
                    FROM polled WHERE sampled_at >= ? AND sampled_at < ? GROUP BY 1
                ), sums AS (
                    SELECT bk, sum(part) AS covered, sum(part * viewers) AS vs, sum(part * streams) AS ss
                    FROM split GROUP BY bk
                )
                SELECT coalesce(s.bk, p.bk) AS bucket, coalesce(s.covered, 0) AS covered, coalesce(s.vs, 0) AS vs,
                       coalesce(s.ss, 0) AS ss, p.peak
                FROM sums s FULL JOIN peaks p ON p.bk = s.bk ORDER BY 1""",
                rs -> new Bucket(instant(rs, "bucket"), rs.getDouble("covered"), rs.getDouble("vs"), rs.getDouble("ss"),
                        longValue(rs, "peak")),
                gameId, from, to, from, to, g, g, g, g, g, g, from, to);
    }

    /** Distinct tracked channels seen live in the game during the window. */
    public long uniqueStreamers(Connection c, String gameId, Instant from, Instant to) throws SQLException {
        return Params.one(c, """
                SELECT count(DISTINCT channel_id) AS n FROM stream_snapshot
                WHERE live AND game_id = ? AND sampled_at >= ? AND sampled_at < ?""",
                rs -> rs.getLong("n"), gameId, from, to);
    }

    private static Instant target(Instant now, int hours) {
        return now.minusSeconds(hours * 3600L);
    }
}
