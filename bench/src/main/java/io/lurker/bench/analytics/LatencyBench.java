package io.lurker.bench.analytics;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * API latency over a large dataset: builds (once; {@code --rebuild} to start over) at least
 * 20 M chat messages with their rollups, 5 M stream snapshots (250 channels polled every
 * minute for 14 days), sessions, 400 k category snapshots, 50 k clips with 500 k view samples
 * and VODs in schema {@code analytics_bench_latency}, starts analytics-service on it and times
 * every read endpoint (sequential requests after a warm-up), printing p50 / p95 / max.
 *
 * Arguments: {@code --service-jar PATH --messages N --requests R [--rebuild] [--build-only]}.
 */
public final class LatencyBench {

    static final String SCHEMA = "analytics_bench_latency";
    static final int DAYS = 14;
    static final int CHANNELS = 250;
    static final int CHAT_CHANNELS = 50;

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(IngestBench.arg(args, "--service-jar", "analytics-service/target/quarkus-app/quarkus-run.jar"));
        long messages = Long.parseLong(IngestBench.arg(args, "--messages", "20000000"));
        int requests = Integer.parseInt(IngestBench.arg(args, "--requests", "50"));
        boolean rebuild = Arrays.asList(args).contains("--rebuild");
        boolean buildOnly = Arrays.asList(args).contains("--build-only");
        BenchTokens tokens = new BenchTokens();
        Path publicKey = tokens.writePublicKey();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate first = today.minusDays(DAYS);

        if (rebuild || !built()) {
            try (Connection db = DriverManager.getConnection(IngestBench.JDBC, "postgres", "");
                    Statement st = db.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            }
            // the service creates the schema (Flyway) and today's partitions
            IngestBench.stopService(start(jar, publicKey));
            build(first, messages);
        }
        report();
        if (buildOnly) {
            return;
        }
        Process service = start(jar, publicKey);
        try {
            measure(tokens.token("read"), tokens.token("internal"), today, requests);
        } finally {
            IngestBench.stopService(service);
        }
    }

    static Process start(Path jar, Path publicKey) throws Exception {
        return IngestBench.startService(jar, List.of("-Dlurker.analytics.schema=" + SCHEMA,
                "-Dquarkus.datasource.jdbc.url=" + IngestBench.JDBC + "?currentSchema=" + SCHEMA,
                "-Dmp.jwt.verify.publickey.location=" + publicKey));
    }

    static boolean built() throws Exception {
        try (Connection db = DriverManager.getConnection(IngestBench.JDBC, "postgres", "");
                Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT to_regclass('" + SCHEMA + ".bench_built') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    static void build(LocalDate first, long messages) throws Exception {
        try (Connection db = DriverManager.getConnection(IngestBench.JDBC + "?currentSchema=" + SCHEMA, "postgres", "");
                Statement st = db.createStatement()) {
            long started = System.nanoTime();
            for (int d = 0; d <= DAYS + 3; d++) {
                LocalDate day = first.plusDays(d);
                for (String table : List.of("stream_snapshot", "chat_message", "chat_event", "chat_minute",
                        "chat_minute_chatter", "chat_emote_minute", "chat_emote_user_day")) {
                    String bound = table.equals("chat_emote_user_day") ? "'%s'" : "'%sT00:00:00Z'";
                    st.execute("CREATE TABLE IF NOT EXISTS " + table + "_p" + day.toString().replace("-", "")
                            + " PARTITION OF " + table + " FOR VALUES FROM (" + bound.formatted(day) + ") TO ("
                            + bound.formatted(day.plusDays(1)) + ")");
                }
            }
            st.execute("""
                    INSERT INTO channel (channel_id, login, display_name, broadcaster_type, has_schedule, teams,
                                         first_seen_at, profile_sampled_at)
                    SELECT (100000 + c)::text, 'benchchannel' || c, 'BenchChannel' || c, 'partner', c %% 2 = 0,
                           '[{"id":"1","name":"team","displayName":"Team"}]'::jsonb, now(), now()
                    FROM generate_series(0, %d) c""".formatted(CHANNELS - 1));
            st.execute("""
                    INSERT INTO watchlist_entry (kind, id, name, added_at)
                    SELECT 'channel', (100000 + c)::text, 'benchchannel' || c, now() FROM generate_series(0, %d) c"""
                    .formatted(CHAT_CHANNELS - 1));
            st.execute("""
                    INSERT INTO game (game_id, name, updated_at)
                    SELECT 'game' || g, 'Bench Game ' || g, now() FROM generate_series(0, 99) g""");
            for (int d = 0; d < DAYS; d++) {
                String day = "'" + first.plusDays(d) + "T00:00:00Z'::timestamptz";
                // every channel polled each minute, live 8 hours a day at a channel-specific hour
                st.execute("""
                        INSERT INTO stream_snapshot (channel_id, sampled_at, interval_seconds, live, stream_id, viewer_count,
                                                     game_id, game_name, title, language, started_at)
                        SELECT (100000 + c)::text, t, 60, l.live,
                               CASE WHEN l.live THEN 's' || c || '-' || %2$d END,
                               CASE WHEN l.live THEN (20000 / (c + 1) + (extract(epoch FROM t)::bigint %% 97))::int END,
                               CASE WHEN l.live THEN 'game' || ((c + extract(hour FROM t)::int / 3) %% 100) END,
                               CASE WHEN l.live THEN 'Bench Game ' || ((c + extract(hour FROM t)::int / 3) %% 100) END,
                               CASE WHEN l.live THEN 'title ' || (extract(hour FROM t)::int / 4) END, 'en',
                               CASE WHEN l.live THEN %1$s + ((c %% 16) * interval '1 hour') END
                        FROM generate_series(0, %3$d) c,
                             generate_series(%1$s, %1$s + interval '1439 minutes', interval '1 minute') t,
                             LATERAL (SELECT t >= %1$s + (c %% 16) * interval '1 hour'
                                         AND t < %1$s + (c %% 16 + 8) * interval '1 hour' AS live) l
                        """.formatted(day, d, CHANNELS - 1));
                long perDay = messages / DAYS + (d < messages % DAYS ? 1 : 0);
                st.execute("""
                        INSERT INTO chat_message (message_id, sent_at, source, channel_id, channel_login, user_id, user_login,
                                display_name, text, action, subscriber, moderator, vip, bits, first_message, emotes, raw)
                        SELECT md5(%2$d || ':' || g), %1$s + (g * 86400.0 / %3$d) * interval '1 second', 'live',
                               (100000 + ch)::text, 'benchchannel' || ch, (10000000 + u)::text, 'viewer' || u,
                               'Viewer' || u, txt, false, u %% 4 = 0, u %% 200 = 0, u %% 100 = 0,
                               CASE WHEN g %% 500 = 0 THEN 100 ELSE 0 END, false,
                               CASE WHEN g %% 3 = 0 THEN ARRAY['twitch:25:1']
                                    WHEN g %% 7 = 0 THEN ARRAY['7tv:60ae958e:2', 'bttv:56e9f4:1'] END,
                               '@id=' || md5(%2$d || ':' || g) || ';room-id=' || (100000 + ch) || ';user-id=' || (10000000 + u)
                                   || ' :viewer' || u || ' PRIVMSG #benchchannel' || ch || ' :' || txt
                        FROM (SELECT g, floor(power(random(), 3) * %4$d)::int AS ch,
                                     floor(power(random(), 2) * 300000)::int AS u,
                                     (ARRAY['pog', 'lol KEKW', 'what a play', 'Kappa Kappa', 'gg wp', 'no way he did that'])[1 + g %% 6] AS txt
                              FROM generate_series(1, %3$d) g) x
                        """.formatted(day, d, perDay, CHAT_CHANNELS));
                String range = "sent_at >= " + day + " AND sent_at < " + day + " + interval '1 day'";
                st.execute("""
                        INSERT INTO chat_minute SELECT channel_id, date_trunc('minute', sent_at), count(*), count(DISTINCT user_id),
                               count(*) FILTER (WHERE subscriber), count(*) FILTER (WHERE moderator), count(*) FILTER (WHERE vip),
                               sum(bits), coalesce(sum((SELECT sum(split_part(e, ':', 3)::int) FROM unnest(emotes) e)), 0)
                        FROM chat_message WHERE %s GROUP BY 1, 2""".formatted(range));
                st.execute("""
                        INSERT INTO chat_minute_chatter SELECT channel_id, date_trunc('minute', sent_at), user_id,
                               max(user_login), count(*) FROM chat_message WHERE %s GROUP BY 1, 2, 3""".formatted(range));
                st.execute("""
                        INSERT INTO chat_emote_minute SELECT channel_id, date_trunc('minute', sent_at), split_part(e, ':', 1),
                               split_part(e, ':', 2), CASE split_part(e, ':', 1) WHEN 'twitch' THEN 'Kappa'
                               WHEN '7tv' THEN 'catJAM' ELSE 'monkaS' END, sum(split_part(e, ':', 3)::int), count(*)
                        FROM chat_message, unnest(emotes) e WHERE %s GROUP BY 1, 2, 3, 4""".formatted(range));
                st.execute("""
                        INSERT INTO chat_emote_user_day SELECT DISTINCT channel_id, (sent_at AT TIME ZONE 'UTC')::date,
                               split_part(e, ':', 1), split_part(e, ':', 2), user_id
                        FROM chat_message, unnest(emotes) e WHERE %s""".formatted(range));
                st.execute("""
                        INSERT INTO category_snapshot (game_id, sampled_at, rank, viewers, streams)
                        SELECT 'game' || g, t, g + 1, (500000 / (g + 1)) + (extract(epoch FROM t)::bigint %% 1000), 2000 / (g + 1) + 1
                        FROM generate_series(0, 99) g,
                             generate_series(%1$s, %1$s + interval '1435 minutes', interval '5 minutes') t""".formatted(day));
                System.out.printf(Locale.ROOT, "day %d/%d built (%.0f s)%n", d + 1, DAYS, (System.nanoTime() - started) / 1e9);
            }
            // a few poll rows of "now" so the trending and top endpoints see a current poll
            st.execute("""
                    INSERT INTO category_snapshot (game_id, sampled_at, rank, viewers, streams)
                    SELECT 'game' || g, date_trunc('minute', now()) - interval '2 minutes', g + 1, 400000 / (g + 1), 100
                    FROM generate_series(0, 99) g ON CONFLICT DO NOTHING""");
            st.execute("""
                    INSERT INTO stream_session (stream_id, channel_id, started_at, first_sample_at, last_sample_at, ended_at,
                            peak_viewers, peak_at, live_seconds, viewer_seconds, samples, missing_seconds)
                    SELECT stream_id, channel_id, min(started_at), min(sampled_at), max(sampled_at),
                           max(sampled_at) + interval '1 minute', max(viewer_count),
                           (array_agg(sampled_at ORDER BY viewer_count DESC))[1], count(*) * 60.0,
                           sum(viewer_count) * 60.0, count(*), 0
                    FROM stream_snapshot WHERE live GROUP BY stream_id, channel_id""");
            st.execute("""
                    INSERT INTO stream_session_segment (stream_id, seq, game_id, game_name, started_at, ended_at,
                            live_seconds, viewer_seconds, peak_viewers)
                    SELECT stream_id, 1, 'game1', 'Bench Game 1', first_sample_at, ended_at, live_seconds, viewer_seconds,
                           peak_viewers FROM stream_session""");
            st.execute("""
                    INSERT INTO channel_follower_sample (channel_id, sampled_at, followers_total)
                    SELECT (100000 + c)::text, t, 100000 + c * 10 + extract(epoch FROM t)::bigint / 3600 %% 100000
                    FROM generate_series(0, %d) c, generate_series(now() - interval '%d days', now(), interval '1 hour') t"""
                    .formatted(CHANNELS - 1, DAYS));
            st.execute("""
                    INSERT INTO clip (clip_id, url, embed_url, broadcaster_id, broadcaster_name, creator_id, creator_name,
                            video_id, game_id, language, title, view_count, created_at, thumbnail_url, duration_seconds,
                            vod_offset, featured, last_sampled_at)
                    SELECT 'clip' || k, 'https://clips/' || k, '', (100000 + k %% %d)::text, 'benchchannel' || (k %% %d),
                           'c', 'clipper', NULL, 'game' || (k %% 100), 'en', 'clip ' || k, (k * 7919) %% 100000,
                           now() - (k %% (%d * 1440)) * interval '1 minute', '', 30, NULL, false, now()
                    FROM generate_series(1, 50000) k""".formatted(CHANNELS, CHANNELS, DAYS));
            st.execute("""
                    INSERT INTO clip_view_sample (clip_id, sampled_at, view_count)
                    SELECT clip_id, created_at + s * interval '2 hours', view_count * (s + 1) / 10
                    FROM clip, generate_series(0, 9) s""");
            st.execute("""
                    UPDATE clip SET first_view_count = view_count / 10, first_sampled_at = created_at,
                           day_view_count = view_count * 2 / 10, day_sampled_at = created_at + interval '22 hours'""");
            st.execute("""
                    INSERT INTO vod (video_id, stream_id, user_id, user_login, user_name, title, description, created_at,
                            published_at, url, thumbnail_url, viewable, view_count, language, type, duration,
                            duration_seconds, muted_seconds, last_sampled_at)
                    SELECT 'v' || stream_id, stream_id, channel_id, 'x', 'x', 'vod', '', started_at, started_at, '', '',
                           'public', samples * 10, 'en', 'archive', '8h0m0s', live_seconds::bigint,
                           CASE WHEN samples % 3 = 0 THEN 360 ELSE 0 END, now()
                    FROM stream_session""");
            st.execute("""
                    INSERT INTO vod_muted_segment SELECT video_id, 600, 360 FROM vod WHERE muted_seconds > 0""");
            st.execute("""
                    INSERT INTO vod_chapter SELECT video_id, 0, duration_seconds::int, 'game1', 'Bench Game 1', 'Bench Game 1'
                    FROM vod""");
            st.execute("ANALYZE");
            st.execute("CREATE TABLE bench_built (at timestamptz)");
            st.execute("INSERT INTO bench_built VALUES (now())");
            System.out.printf(Locale.ROOT, "dataset built in %.0f s%n", (System.nanoTime() - started) / 1e9);
        }
    }

    static void report() throws Exception {
        try (Connection db = DriverManager.getConnection(IngestBench.JDBC + "?currentSchema=" + SCHEMA, "postgres", "");
                Statement st = db.createStatement()) {
            for (String table : List.of("chat_message", "stream_snapshot", "chat_minute", "chat_minute_chatter",
                    "chat_emote_minute", "category_snapshot", "clip", "clip_view_sample", "vod", "stream_session")) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    System.out.printf(Locale.ROOT, "rows %-22s %,d%n", table, rs.getLong(1));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT pg_size_pretty(sum(pg_total_relation_size(c.oid))) FROM pg_class c "
                    + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '" + SCHEMA + "' AND c.relkind = 'r'")) {
                rs.next();
                System.out.println("size " + rs.getString(1));
            }
        }
    }

    static void measure(String read, String internal, LocalDate today, int requests) throws Exception {
        String hot = "benchchannel1";
        String day = today.minusDays(2).toString();
        Map<String, String> endpoints = new LinkedHashMap<>();
        endpoints.put("/api/v1/watchlist", internal);
        for (String path : List.of(
                "/api/v1/channels/" + hot + "/summary?from=7d",
                "/api/v1/channels/" + hot + "/viewers?from=7d&granularity=1h",
                "/api/v1/channels/" + hot + "/viewers?from=7d&granularity=1h&format=csv",
                "/api/v1/channels/" + hot + "/daily?from=30d",
                "/api/v1/channels/" + hot + "/games?from=7d",
                "/api/v1/channels/" + hot + "/sessions?from=30d",
                "/api/v1/channels/" + hot + "/heatmap?from=30d",
                "/api/v1/channels/compare?login=benchchannel1&login=benchchannel2&login=benchchannel3&login=benchchannel4&login=benchchannel5&from=7d",
                "/api/v1/categories/top",
                "/api/v1/categories/trending?hours=24",
                "/api/v1/categories/game1/series?from=7d&granularity=1h",
                "/api/v1/categories/game1/summary?from=7d",
                "/api/v1/clips/top?login=" + hot + "&from=7d",
                "/api/v1/clips/top?gameId=game1&from=7d",
                "/api/v1/clips/velocity?from=7d",
                "/api/v1/clips/clip77/trajectory",
                "/api/v1/vods?login=" + hot + "&from=30d",
                "/api/v1/vods/vs1-3/chapters",
                "/api/v1/chat/" + hot + "/activity?from=7d",
                "/api/v1/chat/" + hot + "/metrics?from=" + day + "T00:00:00Z&to=" + day + "T06:00:00Z&granularity=1m",
                "/api/v1/chat/" + hot + "/metrics?from=7d&granularity=1h",
                "/api/v1/chat/" + hot + "/emotes?from=7d",
                "/api/v1/chat/" + hot + "/chatters?from=7d",
                "/api/v1/chat/" + hot + "/logs?date=" + day + "&limit=1000",
                "/api/v1/chat/" + hot + "/logs?date=" + day + "&user=viewer12",
                "/api/v1/chat/" + hot + "/search?q=play&from=" + day + "T00:00:00Z&to=" + day + "T01:00:00Z",
                "/api/v1/chat/" + hot + "/highlights?from=" + day + "T00:00:00Z&to=" + today + "T00:00:00Z",
                "/api/v1/summary?from=7d")) {
            endpoints.put(path, read);
        }
        HttpClient http = HttpClient.newHttpClient();
        System.out.println("| endpoint | status | p50 ms | p95 ms | max ms |");
        System.out.println("|---|---|---|---|---|");
        for (Map.Entry<String, String> e : endpoints.entrySet()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + IngestBench.PORT + e.getKey()))
                    .header("Authorization", "Bearer " + e.getValue()).build();
            int status = 0;
            for (int i = 0; i < 3; i++) {
                status = http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
            }
            List<Double> times = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                long t = System.nanoTime();
                status = http.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode();
                times.add((System.nanoTime() - t) / 1e6);
            }
            times.sort(null);
            System.out.printf(Locale.ROOT, "| `%s` | %d | %.1f | %.1f | %.1f |%n", e.getKey(), status,
                    times.get(times.size() / 2), times.get((int) Math.ceil(times.size() * 0.95) - 1),
                    times.get(times.size() - 1));
        }
    }
}
