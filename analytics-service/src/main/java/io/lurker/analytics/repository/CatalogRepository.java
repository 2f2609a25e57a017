package io.lurker.analytics.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lurker.contracts.catalog.CategorySnapshot;
import io.lurker.contracts.catalog.ChannelRecord;
import io.lurker.contracts.catalog.ClipRecord;
import io.lurker.contracts.catalog.ClipViewsSample;
import io.lurker.contracts.catalog.VodRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Channels, follower samples, games, category snapshots, clips, clip view samples and VODs.
 * Profiles and counters are only replaced by a sample at least as new as the stored one, so a
 * late redelivery never rolls a row back.
 */
@ApplicationScoped
public class CatalogRepository {

    private static final String UPSERT_CHANNEL = """
            INSERT INTO channel AS c (channel_id, login, display_name, broadcaster_type, description, profile_image_url,
                    created_at, language, game_id, game_name, title, tags, teams, has_schedule, first_seen_at,
                    profile_sampled_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)
            ON CONFLICT (channel_id) DO UPDATE SET login = EXCLUDED.login, display_name = EXCLUDED.display_name,
                broadcaster_type = EXCLUDED.broadcaster_type, description = EXCLUDED.description,
                profile_image_url = EXCLUDED.profile_image_url, created_at = EXCLUDED.created_at,
                language = EXCLUDED.language, game_id = EXCLUDED.game_id, game_name = EXCLUDED.game_name,
                title = EXCLUDED.title, tags = EXCLUDED.tags,
                teams = coalesce(EXCLUDED.teams, c.teams), has_schedule = coalesce(EXCLUDED.has_schedule, c.has_schedule),
                first_seen_at = least(c.first_seen_at, EXCLUDED.first_seen_at),
                profile_sampled_at = EXCLUDED.profile_sampled_at
            WHERE c.profile_sampled_at <= EXCLUDED.profile_sampled_at
            """;

    private static final String INSERT_FOLLOWERS = """
            INSERT INTO channel_follower_sample (channel_id, sampled_at, followers_total) VALUES (?, ?, ?)
            ON CONFLICT DO NOTHING
            """;

    private static final String UPSERT_GAME = """
            INSERT INTO game AS g (game_id, name, box_art_url, igdb_id, updated_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (game_id) DO UPDATE SET name = EXCLUDED.name,
                box_art_url = coalesce(EXCLUDED.box_art_url, g.box_art_url),
                igdb_id = coalesce(EXCLUDED.igdb_id, g.igdb_id), updated_at = EXCLUDED.updated_at
            WHERE g.updated_at <= EXCLUDED.updated_at
            """;

    private static final String INSERT_CATEGORY = """
            INSERT INTO category_snapshot (game_id, sampled_at, rank, viewers, streams) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING
            """;

    private static final String UPSERT_CLIP = """
            INSERT INTO clip AS k (clip_id, url, embed_url, broadcaster_id, broadcaster_name, creator_id, creator_name,
                    video_id, game_id, language, title, view_count, created_at, thumbnail_url, duration_seconds,
                    vod_offset, featured, last_sampled_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (clip_id) DO UPDATE SET url = EXCLUDED.url, embed_url = EXCLUDED.embed_url,
                broadcaster_name = EXCLUDED.broadcaster_name, video_id = EXCLUDED.video_id, game_id = EXCLUDED.game_id,
                title = EXCLUDED.title, view_count = EXCLUDED.view_count, thumbnail_url = EXCLUDED.thumbnail_url,
                vod_offset = coalesce(EXCLUDED.vod_offset, k.vod_offset), featured = EXCLUDED.featured,
                last_sampled_at = EXCLUDED.last_sampled_at
            WHERE k.last_sampled_at <= EXCLUDED.last_sampled_at
            """;

    private static final String INSERT_CLIP_VIEWS = """
            INSERT INTO clip_view_sample (clip_id, sampled_at, view_count) VALUES (?, ?, ?) ON CONFLICT DO NOTHING
            """;

    // recomputed from all samples, so clips and samples may arrive in any order
    private static final String REFRESH_CLIP_VIEWS = """
            UPDATE clip k SET
                view_count = CASE WHEN l.sampled_at > k.last_sampled_at THEN l.view_count ELSE k.view_count END,
                last_sampled_at = greatest(k.last_sampled_at, l.sampled_at),
                first_view_count = f.view_count, first_sampled_at = f.sampled_at,
                day_view_count = d.view_count, day_sampled_at = d.sampled_at
            FROM unnest(?::text[]) AS ids(clip_id)
            CROSS JOIN LATERAL (SELECT view_count, sampled_at FROM clip_view_sample s WHERE s.clip_id = ids.clip_id
                                ORDER BY sampled_at DESC LIMIT 1) l
            CROSS JOIN LATERAL (SELECT view_count, sampled_at FROM clip_view_sample s WHERE s.clip_id = ids.clip_id
                                ORDER BY sampled_at LIMIT 1) f
            LEFT JOIN LATERAL (SELECT view_count, sampled_at FROM clip_view_sample s WHERE s.clip_id = ids.clip_id
                                 AND s.sampled_at <= (SELECT created_at FROM clip c WHERE c.clip_id = ids.clip_id)
                                                     + interval '24 hours'
                               ORDER BY sampled_at DESC LIMIT 1) d ON true
            WHERE k.clip_id = ids.clip_id
            """;


    private static final String UPSERT_VOD = """
            INSERT INTO vod AS v (video_id, stream_id, user_id, user_login, user_name, title, description, created_at,
                    published_at, url, thumbnail_url, viewable, view_count, language, type, duration, duration_seconds,
                    muted_seconds, last_sampled_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (video_id) DO UPDATE SET stream_id = EXCLUDED.stream_id, user_login = EXCLUDED.user_login,
                user_name = EXCLUDED.user_name, title = EXCLUDED.title, description = EXCLUDED.description,
                published_at = EXCLUDED.published_at, url = EXCLUDED.url, thumbnail_url = EXCLUDED.thumbnail_url,
                viewable = EXCLUDED.viewable, view_count = EXCLUDED.view_count, language = EXCLUDED.language,
                type = EXCLUDED.type, duration = EXCLUDED.duration, duration_seconds = EXCLUDED.duration_seconds,
                muted_seconds = EXCLUDED.muted_seconds, last_sampled_at = EXCLUDED.last_sampled_at
            WHERE v.last_sampled_at <= EXCLUDED.last_sampled_at
            """;

    private final ObjectMapper json;

    public CatalogRepository(ObjectMapper json) {
        this.json = json;
    }

    public void upsertChannels(Connection c, List<ChannelRecord> channels) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(UPSERT_CHANNEL);
                PreparedStatement followers = c.prepareStatement(INSERT_FOLLOWERS)) {
            for (ChannelRecord r : channels) {
                st.setString(1, r.channelId());
                st.setString(2, r.login().toLowerCase(Locale.ROOT));
                st.setString(3, Sql.clean(r.displayName()));
                st.setString(4, Sql.clean(r.broadcasterType()));
                st.setString(5, Sql.clean(r.description()));
                st.setString(6, Sql.clean(r.profileImageUrl()));
                st.setTimestamp(7, ts(r.createdAt()));
                st.setString(8, Sql.clean(r.language()));
                st.setString(9, Sql.clean(r.gameId()));
                st.setString(10, Sql.clean(r.gameName()));
                st.setString(11, Sql.clean(r.title()));
                st.setArray(12, r.tags() == null ? null
                        : Sql.array(c, "text", r.tags().stream().map(Sql::clean).toArray(String[]::new)));
                st.setString(13, r.teams() == null ? null : write(r.teams()));
                if (r.hasSchedule() == null) {
                    st.setNull(14, Types.BOOLEAN);
                } else {
                    st.setBoolean(14, r.hasSchedule());
                }
                st.setTimestamp(15, ts(r.sampledAt()));
                st.setTimestamp(16, ts(r.sampledAt()));
                st.addBatch();
                if (r.followersTotal() != null) {
                    followers.setString(1, r.channelId());
                    followers.setTimestamp(2, ts(r.sampledAt()));
                    followers.setLong(3, r.followersTotal());
                    followers.addBatch();
                }
            }
            st.executeBatch();
            followers.executeBatch();
        }
    }

    public void insertCategories(Connection c, Instant sampledAt, List<CategorySnapshot> categories)
            throws SQLException {
        try (PreparedStatement games = c.prepareStatement(UPSERT_GAME);
                PreparedStatement snapshots = c.prepareStatement(INSERT_CATEGORY)) {
            for (CategorySnapshot s : categories) {
                games.setString(1, s.gameId());
                games.setString(2, Sql.clean(s.gameName()));
                games.setString(3, Sql.clean(s.boxArtUrl()));
                games.setString(4, Sql.clean(s.igdbId()));
                games.setTimestamp(5, ts(sampledAt));
                games.addBatch();
                snapshots.setString(1, s.gameId());
                snapshots.setTimestamp(2, ts(sampledAt));
                snapshots.setInt(3, s.rank());
                snapshots.setLong(4, s.viewers());
                snapshots.setInt(5, s.streams());
                snapshots.addBatch();
            }
            games.executeBatch();
            snapshots.executeBatch();
        }
    }

    public void upsertGame(Connection c, String id, String name, String boxArtUrl, String igdbId, Instant at)
            throws SQLException {
        try (PreparedStatement games = c.prepareStatement(UPSERT_GAME)) {
            games.setString(1, id);
            games.setString(2, Sql.clean(name));
            games.setString(3, Sql.clean(boxArtUrl));
            games.setString(4, Sql.clean(igdbId));
            games.setTimestamp(5, ts(at));
            games.executeUpdate();
        }
    }

    public void upsertClips(Connection c, Instant sampledAt, List<ClipRecord> clips) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(UPSERT_CLIP);
                PreparedStatement views = c.prepareStatement(INSERT_CLIP_VIEWS)) {
            for (ClipRecord k : clips) {
                st.setString(1, k.id());
                st.setString(2, Sql.clean(k.url()));
                st.setString(3, Sql.clean(k.embedUrl()));
                st.setString(4, k.broadcasterId());
                st.setString(5, Sql.clean(k.broadcasterName()));
                st.setString(6, Sql.clean(k.creatorId()));
                st.setString(7, Sql.clean(k.creatorName()));
                st.setString(8, k.videoId() == null || k.videoId().isEmpty() ? null : k.videoId());
                st.setString(9, Sql.clean(k.gameId()));
                st.setString(10, Sql.clean(k.language()));
                st.setString(11, Sql.clean(k.title()));
                st.setLong(12, k.viewCount());
                st.setTimestamp(13, ts(k.createdAt()));
                st.setString(14, Sql.clean(k.thumbnailUrl()));
                st.setDouble(15, k.durationSeconds());
                if (k.vodOffset() == null) {
                    st.setNull(16, Types.INTEGER);
                } else {
                    st.setInt(16, k.vodOffset());
                }
                st.setBoolean(17, k.featured());
                st.setTimestamp(18, ts(sampledAt));
                st.addBatch();
                views.setString(1, k.id());
                views.setTimestamp(2, ts(sampledAt));
                views.setLong(3, k.viewCount());
                views.addBatch();
            }
            st.executeBatch();
            views.executeBatch();
        }
        refreshViews(c, clips.stream().map(ClipRecord::id).toList());
    }

    /**
     * Brings each clip's latest views and first-day velocity up to date from its samples. The
     * advisory lock makes a clip batch and a clip-views batch committed at the same time see each
     * other: whichever refreshes last sees both.
     */
    private static void refreshViews(Connection c, List<String> clipIds) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('lurker.analytics.clip'))")) {
            lock.execute();
        }
        try (PreparedStatement st = c.prepareStatement(REFRESH_CLIP_VIEWS)) {
            st.setArray(1, Sql.array(c, "text", clipIds.stream().distinct().sorted().toArray(String[]::new)));
            st.executeUpdate();
        }
    }

    public void insertClipViews(Connection c, List<ClipViewsSample> samples) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(INSERT_CLIP_VIEWS)) {
            for (ClipViewsSample s : samples) {
                st.setString(1, s.clipId());
                st.setTimestamp(2, ts(s.sampledAt()));
                st.setLong(3, s.viewCount());
                st.addBatch();
            }
            st.executeBatch();
        }
        refreshViews(c, samples.stream().map(ClipViewsSample::clipId).toList());
    }

    public void upsertVods(Connection c, Instant sampledAt, List<VodRecord> vods) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(UPSERT_VOD)) {
            for (VodRecord v : vods) {
                List<VodRecord.MutedSegment> muted = v.mutedSegments() == null ? List.of() : v.mutedSegments();
                st.setString(1, v.id());
                st.setString(2, Sql.clean(v.streamId()));
                st.setString(3, v.userId());
                st.setString(4, v.userLogin() == null ? null : v.userLogin().toLowerCase(Locale.ROOT));
                st.setString(5, Sql.clean(v.userName()));
                st.setString(6, Sql.clean(v.title()));
                st.setString(7, Sql.clean(v.description()));
                st.setTimestamp(8, ts(v.createdAt()));
                st.setTimestamp(9, ts(v.publishedAt()));
                st.setString(10, Sql.clean(v.url()));
                st.setString(11, Sql.clean(v.thumbnailUrl()));
                st.setString(12, Sql.clean(v.viewable()));
                st.setLong(13, v.viewCount());
                st.setString(14, Sql.clean(v.language()));
                st.setString(15, Sql.clean(v.type()));
                st.setString(16, Sql.clean(v.duration()));
                st.setLong(17, v.durationSeconds());
                st.setLong(18, muted.stream().mapToLong(VodRecord.MutedSegment::duration).sum());
                st.setTimestamp(19, ts(sampledAt));
                int updated = st.executeUpdate();
                if (updated == 1) {
                    replaceMuted(c, v.id(), muted);
                    if (v.chapters() != null) {
                        replaceChapters(c, v.id(), v.chapters());
                    }
                }
            }
        }
    }

    private static void replaceMuted(Connection c, String videoId, List<VodRecord.MutedSegment> muted)
            throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM vod_muted_segment WHERE video_id = ?");
                PreparedStatement insert = c.prepareStatement("""
                        INSERT INTO vod_muted_segment (video_id, offset_seconds, duration_seconds) VALUES (?, ?, ?)
                        ON CONFLICT DO NOTHING""")) {
            delete.setString(1, videoId);
            delete.executeUpdate();
            for (VodRecord.MutedSegment m : muted) {
                insert.setString(1, videoId);
                insert.setInt(2, m.offset());
                insert.setInt(3, m.duration());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void replaceChapters(Connection c, String videoId, List<VodRecord.VodChapter> chapters)
            throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM vod_chapter WHERE video_id = ?");
                PreparedStatement insert = c.prepareStatement("""
                        INSERT INTO vod_chapter (video_id, position_seconds, duration_seconds, game_id, game_name,
                                description) VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT DO NOTHING""")) {
            delete.setString(1, videoId);
            delete.executeUpdate();
            for (VodRecord.VodChapter ch : chapters) {
                insert.setString(1, videoId);
                insert.setInt(2, ch.positionSeconds());
                insert.setInt(3, ch.durationSeconds());
                insert.setString(4, Sql.clean(ch.gameId()));
                insert.setString(5, Sql.clean(ch.gameName()));
                insert.setString(6, Sql.clean(ch.description()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private String write(Object value) {
        try {
            return Sql.clean(json.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("value cannot be written as JSON", e);
        }
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
