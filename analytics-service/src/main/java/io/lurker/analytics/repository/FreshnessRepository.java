package io.lurker.analytics.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The latest stored event time of every kind of event the service consumes, and how many were
 * stored with an event time inside a recent stretch or per bucket: what the collection status
 * page shows. Table and column names are constants of this class; every value is a parameter.
 */
@ApplicationScoped
public class FreshnessRepository {

    /** One kind: its newest event time (null when none is stored) and the events at or after {@code since}. */
    public record KindFreshness(String kind, String routingKey, Instant latestAt, long recentEvents) {
    }

    /** Events of one kind stored with an event time in the bucket starting at {@code start}. */
    public record BucketCount(String kind, Instant start, long events) {
    }

    /**
     * A kind: where its newest event time is ({@code latestTable.latestColumn}) and how its events are
     * counted by event time ({@code count} over {@code countTable.countColumn}; chat from the
     * per-minute rollups, so by whole minutes).
     */
    private record Source(String kind, String routingKey, String latestTable, String latestColumn, String countTable,
            String countColumn, String count) {
    }

    private static final List<Source> SOURCES = List.of(
            new Source("stream-snapshot", "stream.snapshot", "stream_snapshot", "sampled_at", "stream_snapshot",
                    "sampled_at", "count(*)"),
            new Source("stream-event", "stream.event", "stream_event", "at", "stream_event", "at", "count(*)"),
            new Source("chat-message", "chat.message.*", "chat_message", "sent_at", "chat_minute", "minute",
                    "coalesce(sum(messages), 0)"),
            new Source("chat-event", "chat.event.*", "chat_event", "at", "chat_event", "at", "count(*)"),
            new Source("catalog-channel", "catalog.channel", "channel_follower_sample", "sampled_at",
                    "channel_follower_sample", "sampled_at", "count(*)"),
            new Source("catalog-clip", "catalog.clip, catalog.clip-views", "clip_view_sample", "sampled_at",
                    "clip_view_sample", "sampled_at", "count(*)"),
            new Source("catalog-vod", "catalog.vod", "vod", "last_sampled_at", "vod", "last_sampled_at", "count(*)"),
            new Source("catalog-category", "catalog.category", "category_snapshot", "sampled_at", "category_snapshot",
                    "sampled_at", "count(*)"));

    public static List<String> kinds() {
        return SOURCES.stream().map(Source::kind).toList();
    }

    public List<KindFreshness> freshness(Connection c, Instant since) throws SQLException {
        List<KindFreshness> out = new ArrayList<>();
        for (Source s : SOURCES) {
            Instant latest = Params.one(c, "SELECT max(" + s.latestColumn() + ") AS t FROM " + s.latestTable(),
                    rs -> Params.instant(rs, "t"));
            // rollups hold whole minutes: count from the start of the minute 'since' falls in
            Instant from = "minute".equals(s.countColumn()) ? since.truncatedTo(ChronoUnit.MINUTES) : since;
            Long recent = Params.one(c, "SELECT " + s.count() + " AS n FROM " + s.countTable() + " WHERE "
                    + s.countColumn() + " >= ?", rs -> rs.getLong("n"), from);
            out.add(new KindFreshness(s.kind(), s.routingKey(), latest, recent == null ? 0 : recent));
        }
        return out;
    }

    /** Every kind's events per epoch-aligned bucket of {@code bucketSeconds} over [from, to); empty buckets left out. */
    public List<BucketCount> perBucket(Connection c, Instant from, Instant to, int bucketSeconds) throws SQLException {
        List<BucketCount> out = new ArrayList<>();
        for (Source s : SOURCES) {
            String sql = "SELECT to_timestamp(floor(extract(epoch FROM " + s.countColumn() + ") / ?) * ?) AS bucket, "
                    + s.count() + " AS n FROM " + s.countTable() + " WHERE " + s.countColumn() + " >= ? AND "
                    + s.countColumn() + " < ? GROUP BY 1";
            out.addAll(Params.list(c, sql, rs -> new BucketCount(s.kind(), Params.instant(rs, "bucket"), rs.getLong("n")),
                    bucketSeconds, bucketSeconds, from, to));
        }
        return out;
    }
}
