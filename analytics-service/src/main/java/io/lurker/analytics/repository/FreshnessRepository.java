package io.lurker.analytics.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The latest stored event time of every kind of event the service consumes, and how many were
 * stored with an event time inside a recent stretch: what the collection status page shows.
 */
@ApplicationScoped
public class FreshnessRepository {

    /** One kind: its newest event time (null when none is stored) and the events at or after {@code since}. */
    public record KindFreshness(String kind, String routingKey, Instant latestAt, long recentEvents) {
    }

    /** (kind, routing key, table, time column, what to count: a row count or a rollup sum). */
    private record Source(String kind, String routingKey, String latestSql, String recentSql) {
    }

    private static final List<Source> SOURCES = List.of(
            new Source("stream-snapshot", "stream.snapshot",
                    "SELECT max(sampled_at) AS t FROM stream_snapshot",
                    "SELECT count(*) AS n FROM stream_snapshot WHERE sampled_at >= ?"),
            new Source("stream-event", "stream.event",
                    "SELECT max(at) AS t FROM stream_event",
                    "SELECT count(*) AS n FROM stream_event WHERE at >= ?"),
            new Source("chat-message", "chat.message.*",
                    "SELECT max(sent_at) AS t FROM chat_message",
                    "SELECT coalesce(sum(messages), 0) AS n FROM chat_minute WHERE minute >= date_trunc('minute', ?::timestamptz)"),
            new Source("chat-event", "chat.event.*",
                    "SELECT max(at) AS t FROM chat_event",
                    "SELECT count(*) AS n FROM chat_event WHERE at >= ?"),
            new Source("catalog-channel", "catalog.channel",
                    "SELECT max(sampled_at) AS t FROM channel_follower_sample",
                    "SELECT count(*) AS n FROM channel_follower_sample WHERE sampled_at >= ?"),
            new Source("catalog-clip", "catalog.clip, catalog.clip-views",
                    "SELECT max(sampled_at) AS t FROM clip_view_sample",
                    "SELECT count(*) AS n FROM clip_view_sample WHERE sampled_at >= ?"),
            new Source("catalog-vod", "catalog.vod",
                    "SELECT max(last_sampled_at) AS t FROM vod",
                    "SELECT count(*) AS n FROM vod WHERE last_sampled_at >= ?"),
            new Source("catalog-category", "catalog.category",
                    "SELECT max(sampled_at) AS t FROM category_snapshot",
                    "SELECT count(*) AS n FROM category_snapshot WHERE sampled_at >= ?"));

    public List<KindFreshness> freshness(Connection c, Instant since) throws SQLException {
        List<KindFreshness> out = new ArrayList<>();
        for (Source s : SOURCES) {
            Instant latest = Params.one(c, s.latestSql(), rs -> Params.instant(rs, "t"));
            Long recent = Params.one(c, s.recentSql(), rs -> rs.getLong("n"), since);
            out.add(new KindFreshness(s.kind(), s.routingKey(), latest, recent == null ? 0 : recent));
        }
        return out;
    }
}
