package io.lurker.analytics.repository;

import io.lurker.contracts.stream.StreamEvent;
import io.lurker.contracts.stream.StreamSnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Stream snapshots, sessions (recomputed from snapshots) and stream events. */
@ApplicationScoped
public class StreamRepository {

    /** A snapshot row: live with its stream, or offline (stream null). */
    public record SnapshotRow(String channelId, StreamSnapshot stream) {
    }

    private static final String INSERT_SNAPSHOTS = """
            INSERT INTO stream_snapshot (channel_id, sampled_at, interval_seconds, live, stream_id, viewer_count,
                    game_id, game_name, title, language, started_at)
            SELECT channel_id, ?, ?, live, stream_id, viewer_count, game_id, game_name, title, language,
                   CASE WHEN started_us IS NULL THEN NULL
                        ELSE timestamptz 'epoch' + started_us * interval '1 microsecond' END
            FROM unnest(?::text[], ?::bool[], ?::text[], ?::int4[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int8[])
                AS t(channel_id, live, stream_id, viewer_count, game_id, game_name, title, language, started_us)
            ON CONFLICT DO NOTHING
            """;

    private static final String UPSERT_CHANNELS = """
            INSERT INTO channel AS c (channel_id, login, display_name, first_seen_at, profile_sampled_at)
            SELECT DISTINCT ON (channel_id) channel_id, login, display_name, ?, 'epoch'::timestamptz
            FROM unnest(?::text[], ?::text[], ?::text[]) AS t(channel_id, login, display_name)
            ORDER BY channel_id
            ON CONFLICT (channel_id) DO UPDATE SET login = EXCLUDED.login,
                display_name = coalesce(EXCLUDED.display_name, c.display_name)
            WHERE c.login IS DISTINCT FROM EXCLUDED.login AND c.profile_sampled_at <= ?
            """;

    private static final String UPSERT_GAMES = """
            INSERT INTO game AS g (game_id, name, updated_at)
            SELECT DISTINCT ON (game_id) game_id, name, ? FROM unnest(?::text[], ?::text[]) AS t(game_id, name)
            WHERE game_id IS NOT NULL AND game_id <> '' AND name IS NOT NULL
            ORDER BY game_id
            ON CONFLICT (game_id) DO NOTHING
            """;

    // Intervals of the channel's polls around one broadcast: a live sample counts for the time
    // until the channel's next poll, unless that is more than two poll intervals away (missing data).
    private static final String SAMPLES = """
            WITH polled AS (
                SELECT sampled_at, live, stream_id, viewer_count, game_id, game_name, interval_seconds,
                       lead(sampled_at) OVER (ORDER BY sampled_at) AS next_at,
                       lead(stream_id) OVER (ORDER BY sampled_at) AS next_stream
                FROM stream_snapshot
                WHERE channel_id = ? AND sampled_at >= ? AND sampled_at < ?
            ), s AS (
                SELECT *, extract(epoch FROM next_at - sampled_at) AS span,
                       (next_at IS NOT NULL AND next_at - sampled_at <= 2 * interval_seconds * interval '1 second') AS counted
                FROM polled WHERE stream_id = ?
            )
            """;

    private static final String UPSERT_SESSION = SAMPLES + """
            INSERT INTO stream_session AS x (stream_id, channel_id, started_at, first_sample_at, last_sample_at, ended_at,
                    peak_viewers, peak_at, live_seconds, viewer_seconds, samples, missing_seconds)
            SELECT ?, ?, ?, min(sampled_at), max(sampled_at),
                   (SELECT CASE WHEN next_stream IS DISTINCT FROM stream_id THEN next_at END
                    FROM s ORDER BY sampled_at DESC LIMIT 1),
                   max(viewer_count),
                   (SELECT sampled_at FROM s ORDER BY viewer_count DESC, sampled_at LIMIT 1),
                   coalesce(sum(span) FILTER (WHERE counted), 0),
                   coalesce(sum(span * viewer_count) FILTER (WHERE counted), 0),
                   count(*),
                   coalesce(sum(span) FILTER (WHERE NOT counted AND next_stream = stream_id), 0)
            FROM s
            HAVING count(*) > 0
            ON CONFLICT (stream_id) DO UPDATE SET first_sample_at = EXCLUDED.first_sample_at,
                last_sample_at = EXCLUDED.last_sample_at, ended_at = EXCLUDED.ended_at,
                peak_viewers = EXCLUDED.peak_viewers, peak_at = EXCLUDED.peak_at,
                live_seconds = EXCLUDED.live_seconds, viewer_seconds = EXCLUDED.viewer_seconds,
                samples = EXCLUDED.samples, missing_seconds = EXCLUDED.missing_seconds
            """;

    private static final String DELETE_SEGMENTS = "DELETE FROM stream_session_segment WHERE stream_id = ?";

    private static final String INSERT_SEGMENTS = SAMPLES + """
            , marked AS (
                SELECT *, CASE WHEN lag(game_id) OVER (ORDER BY sampled_at) IS DISTINCT FROM game_id THEN 1 ELSE 0 END
                          AS starts
                FROM s
            ), grouped AS (
                SELECT *, sum(starts) OVER (ORDER BY sampled_at) AS seq FROM marked
            )
            INSERT INTO stream_session_segment (stream_id, seq, game_id, game_name, started_at, ended_at,
                    live_seconds, viewer_seconds, peak_viewers)
            SELECT ?, seq, min(game_id), max(game_name), min(sampled_at),
                   max(CASE WHEN counted THEN next_at ELSE sampled_at END),
                   coalesce(sum(span) FILTER (WHERE counted), 0),
                   coalesce(sum(span * viewer_count) FILTER (WHERE counted), 0),
                   max(viewer_count)
            FROM grouped GROUP BY seq
            """;

    private static final String INSERT_EVENT = """
            INSERT INTO stream_event (event_id, kind, channel_id, channel_login, stream_id, at, game_id, game_name,
                    title, previous_game_id, previous_game_name, previous_title)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING
            """;

    /** @return how many rows were new */
    public int insertSnapshots(Connection c, Instant sampledAt, int intervalSeconds, List<SnapshotRow> rows)
            throws SQLException {
        int n = rows.size();
        String[] channel = new String[n];
        boolean[] live = new boolean[n];
        String[] stream = new String[n];
        Integer[] viewers = new Integer[n];
        String[] gameId = new String[n];
        String[] gameName = new String[n];
        String[] title = new String[n];
        String[] language = new String[n];
        Long[] started = new Long[n];
        for (int i = 0; i < n; i++) {
            SnapshotRow row = rows.get(i);
            StreamSnapshot s = row.stream();
            channel[i] = row.channelId();
            live[i] = s != null;
            if (s != null) {
                stream[i] = s.streamId();
                viewers[i] = s.viewerCount();
                gameId[i] = Sql.clean(s.gameId());
                gameName[i] = Sql.clean(s.gameName());
                title[i] = Sql.clean(s.title());
                language[i] = Sql.clean(s.language());
                started[i] = s.startedAt() == null ? null : Sql.micros(s.startedAt());
            }
        }
        try (PreparedStatement st = c.prepareStatement(INSERT_SNAPSHOTS)) {
            st.setTimestamp(1, Timestamp.from(sampledAt));
            st.setInt(2, intervalSeconds);
            st.setArray(3, Sql.array(c, "text", channel));
            st.setArray(4, Sql.array(c, "bool", live));
            st.setArray(5, Sql.array(c, "text", stream));
            st.setArray(6, Sql.array(c, "int4", viewers));
            st.setArray(7, Sql.array(c, "text", gameId));
            st.setArray(8, Sql.array(c, "text", gameName));
            st.setArray(9, Sql.array(c, "text", title));
            st.setArray(10, Sql.array(c, "text", language));
            st.setArray(11, Sql.array(c, "int8", started));
            return st.executeUpdate();
        }
    }

    /** Records logins and names seen in live snapshots, unless a newer profile says otherwise. */
    public void upsertChannelsAndGames(Connection c, Instant sampledAt, List<StreamSnapshot> live) throws SQLException {
        int n = live.size();
        String[] id = new String[n];
        String[] login = new String[n];
        String[] name = new String[n];
        String[] gameId = new String[n];
        String[] gameName = new String[n];
        for (int i = 0; i < n; i++) {
            StreamSnapshot s = live.get(i);
            id[i] = s.channelId();
            login[i] = s.channelLogin() == null ? null : s.channelLogin().toLowerCase(Locale.ROOT);
            name[i] = Sql.clean(s.channelName());
            gameId[i] = s.gameId();
            gameName[i] = Sql.clean(s.gameName());
        }
        try (PreparedStatement st = c.prepareStatement(UPSERT_CHANNELS)) {
            st.setTimestamp(1, Timestamp.from(sampledAt));
            st.setArray(2, Sql.array(c, "text", id));
            st.setArray(3, Sql.array(c, "text", login));
            st.setArray(4, Sql.array(c, "text", name));
            st.setTimestamp(5, Timestamp.from(sampledAt));
            st.executeUpdate();
        }
        try (PreparedStatement st = c.prepareStatement(UPSERT_GAMES)) {
            st.setTimestamp(1, Timestamp.from(sampledAt));
            st.setArray(2, Sql.array(c, "text", gameId));
            st.setArray(3, Sql.array(c, "text", gameName));
            st.executeUpdate();
        }
    }

    /**
     * Serializes session recomputation across transactions: with the lock held, every statement
     * sees the polls other transactions committed, so the last batch to commit computes from all.
     */
    public void lockSessions(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('lurker.analytics.stream_session'))")) {
            st.execute();
        }
    }

    /** Recomputes a broadcast's session and category segments from its snapshots. */
    public void recomputeSession(Connection c, String channelId, String streamId, Instant startedAt)
            throws SQLException {
        // Twitch ends a broadcast after 48 hours at most: the window bounds the scan
        Timestamp from = Timestamp.from(startedAt.minusSeconds(60));
        Timestamp to = Timestamp.from(startedAt.plusSeconds(49 * 3600));
        try (PreparedStatement st = c.prepareStatement(UPSERT_SESSION)) {
            st.setString(1, channelId);
            st.setTimestamp(2, from);
            st.setTimestamp(3, to);
            st.setString(4, streamId);
            st.setString(5, streamId);
            st.setString(6, channelId);
            st.setTimestamp(7, Timestamp.from(startedAt));
            st.executeUpdate();
        }
        try (PreparedStatement st = c.prepareStatement(DELETE_SEGMENTS)) {
            st.setString(1, streamId);
            st.executeUpdate();
        }
        try (PreparedStatement st = c.prepareStatement(INSERT_SEGMENTS)) {
            st.setString(1, channelId);
            st.setTimestamp(2, from);
            st.setTimestamp(3, to);
            st.setString(4, streamId);
            st.setString(5, streamId);
            st.executeUpdate();
        }
    }

    /** A broadcast not known to have ended. */
    public record OpenSession(String channelId, String streamId, Instant startedAt) {
    }

    /**
     * The broadcasts of these channels that were live within 49 hours before {@code at} and are not
     * known to have ended by {@code at}: never ended, or ended by a later offline poll that was stored
     * first (polls are consumed in any order; the earlier one must still move the end back).
     */
    public List<OpenSession> openSessions(Connection c, List<String> channelIds, Instant at) throws SQLException {
        String sql = """
                SELECT channel_id, stream_id, started_at FROM stream_session
                WHERE channel_id = ANY(?) AND (ended_at IS NULL OR ended_at > ?) AND last_sample_at < ? AND last_sample_at > ?
                """;
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setArray(1, Sql.array(c, "text", channelIds.toArray(new String[0])));
            st.setTimestamp(2, Timestamp.from(at));
            st.setTimestamp(3, Timestamp.from(at));
            st.setTimestamp(4, Timestamp.from(at.minusSeconds(49 * 3600)));
            List<OpenSession> open = new java.util.ArrayList<>();
            try (var rows = st.executeQuery()) {
                while (rows.next()) {
                    open.add(new OpenSession(rows.getString(1), rows.getString(2), rows.getTimestamp(3).toInstant()));
                }
            }
            return open;
        }
    }

    /** @return true when the event was new */
    public boolean insertEvent(Connection c, StreamEvent e) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(INSERT_EVENT)) {
            st.setString(1, e.id());
            st.setString(2, e.kind().name().toLowerCase(Locale.ROOT));
            st.setString(3, e.channelId());
            st.setString(4, e.channelLogin() == null ? null : e.channelLogin().toLowerCase(Locale.ROOT));
            st.setString(5, e.streamId());
            st.setTimestamp(6, Timestamp.from(e.at()));
            st.setString(7, Sql.clean(e.gameId()));
            st.setString(8, Sql.clean(e.gameName()));
            st.setString(9, Sql.clean(e.title()));
            st.setString(10, Sql.clean(e.previousGameId()));
            st.setString(11, Sql.clean(e.previousGameName()));
            st.setString(12, Sql.clean(e.previousTitle()));
            return st.executeUpdate() == 1;
        }
    }
}
