package io.lurker.emulator.helix;

import io.lurker.emulator.world.Channel;
import io.lurker.emulator.world.Clip;
import io.lurker.emulator.world.Emote;
import io.lurker.emulator.world.Game;
import io.lurker.emulator.world.LiveStream;
import io.lurker.emulator.world.MutedSegment;
import io.lurker.emulator.world.ScheduledSegment;
import io.lurker.emulator.world.Segment;
import io.lurker.emulator.world.Team;
import io.lurker.emulator.world.Video;
import io.lurker.emulator.world.World;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON objects of Helix, field for field as in {@code helix-openapi-subset.json}. Built as
 * ordered maps so that every field (including nulls such as {@code vod_offset}) is written.
 */
@ApplicationScoped
public class HelixViews {

    public static final String EMOTE_TEMPLATE = "https://static-cdn.jtvnw.net/emoticons/v2/{{id}}/{{format}}/{{theme_mode}}/{{scale}}";

    private final World world;

    public HelixViews(World world) {
        this.world = world;
    }

    public static String time(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
    }

    public Map<String, Object> user(Channel c, boolean withEmail) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("login", c.login());
        m.put("display_name", c.displayName());
        m.put("type", "");
        m.put("broadcaster_type", c.broadcasterType());
        m.put("description", c.description());
        m.put("profile_image_url", c.profileImageUrl());
        m.put("offline_image_url", c.offlineImageUrl());
        m.put("view_count", 0);
        if (withEmail) {
            m.put("email", c.login() + "@users.emulator.invalid");
        }
        m.put("created_at", time(c.createdAt()));
        return m;
    }

    public Map<String, Object> channelInformation(Channel c) {
        Segment segment = world.channelSegment(c);
        Game game = world.data().game(segment.gameIndex());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("broadcaster_id", c.id());
        m.put("broadcaster_login", c.login());
        m.put("broadcaster_name", c.displayName());
        m.put("broadcaster_language", c.language());
        m.put("game_id", game.id());
        m.put("game_name", game.name());
        m.put("title", segment.title());
        m.put("delay", 0);
        m.put("tags", c.tags());
        m.put("content_classification_labels", List.of());
        m.put("is_branded_content", c.brandedContent());
        return m;
    }

    public Map<String, Object> stream(LiveStream s) {
        Game game = world.data().game(s.segment().gameIndex());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.session().streamId());
        m.put("user_id", s.channel().id());
        m.put("user_login", s.channel().login());
        m.put("user_name", s.channel().displayName());
        m.put("game_id", game.id());
        m.put("game_name", game.name());
        m.put("type", "live");
        m.put("title", s.segment().title());
        m.put("viewer_count", s.viewers());
        m.put("started_at", time(s.session().start()));
        m.put("language", s.channel().language());
        m.put("thumbnail_url", s.thumbnailUrl());
        m.put("tag_ids", List.of());
        m.put("tags", s.channel().tags());
        m.put("is_mature", false);
        return m;
    }

    public Map<String, Object> clip(Clip c, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("url", c.url());
        m.put("embed_url", c.embedUrl());
        m.put("broadcaster_id", c.broadcaster().id());
        m.put("broadcaster_name", c.broadcaster().displayName());
        m.put("creator_id", c.creator().id());
        m.put("creator_name", c.creator().displayName());
        m.put("video_id", world.videoIdOf(c));
        m.put("game_id", world.data().game(c.gameIndex()).id());
        m.put("language", c.broadcaster().language());
        m.put("title", c.title());
        m.put("view_count", c.viewsAt(now));
        m.put("created_at", time(c.createdAt()));
        m.put("thumbnail_url", c.thumbnailUrl());
        m.put("duration", c.durationSeconds());
        m.put("vod_offset", world.vodOffset(c));
        m.put("is_featured", c.featured());
        return m;
    }

    public Map<String, Object> video(Video v, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", v.id());
        m.put("stream_id", "archive".equals(v.type()) && v.session() != null ? v.session().streamId() : null);
        m.put("user_id", v.owner().id());
        m.put("user_login", v.owner().login());
        m.put("user_name", v.owner().displayName());
        m.put("title", v.title());
        m.put("description", v.description());
        m.put("created_at", time(v.createdAt()));
        m.put("published_at", time(v.publishedAt()));
        m.put("url", v.url());
        m.put("thumbnail_url", v.thumbnailUrl());
        m.put("viewable", "public");
        m.put("view_count", v.viewsAt(now));
        m.put("language", v.owner().language());
        m.put("type", v.type());
        m.put("duration", Video.formatDuration(v.durationSecondsAt(now)));
        List<MutedSegment> muted = world.mutedSegments(v);
        if (muted == null) {
            m.put("muted_segments", null);
        } else {
            List<Map<String, Object>> list = new ArrayList<>();
            for (MutedSegment s : muted) {
                Map<String, Object> seg = new LinkedHashMap<>();
                seg.put("duration", s.duration());
                seg.put("offset", s.offset());
                list.add(seg);
            }
            m.put("muted_segments", list);
        }
        return m;
    }

    public Map<String, Object> game(Game g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", g.id());
        m.put("name", g.name());
        m.put("box_art_url", g.boxArtUrl());
        m.put("igdb_id", g.igdbId());
        return m;
    }

    public Map<String, Object> category(Game g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("box_art_url", g.boxArtUrl().replace("{width}x{height}", "52x72"));
        m.put("name", g.name());
        m.put("id", g.id());
        return m;
    }

    public Map<String, Object> searchChannel(Channel c, LiveStream live) {
        Segment segment = live != null ? live.segment() : world.channelSegment(c);
        Game game = world.data().game(segment.gameIndex());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("broadcaster_language", c.language());
        m.put("broadcaster_login", c.login());
        m.put("display_name", c.displayName());
        m.put("game_id", game.id());
        m.put("game_name", game.name());
        m.put("id", c.id());
        m.put("is_live", live != null);
        m.put("tag_ids", List.of());
        m.put("tags", c.tags());
        m.put("thumbnail_url", c.profileImageUrl());
        m.put("title", segment.title());
        m.put("started_at", live != null ? time(live.session().start()) : "");
        return m;
    }

    private Map<String, Object> teamCommon(Team t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("background_image_url", t.backgroundImageUrl());
        m.put("banner", t.banner());
        m.put("created_at", time(t.createdAt()));
        m.put("updated_at", time(t.updatedAt()));
        m.put("info", t.info());
        m.put("thumbnail_url", t.thumbnailUrl());
        m.put("team_name", t.name());
        m.put("team_display_name", t.displayName());
        m.put("id", t.id());
        return m;
    }

    public Map<String, Object> channelTeam(Channel c, Team t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("broadcaster_id", c.id());
        m.put("broadcaster_login", c.login());
        m.put("broadcaster_name", c.displayName());
        m.putAll(teamCommon(t));
        return m;
    }

    public Map<String, Object> team(Team t) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Map<String, Object>> users = new ArrayList<>();
        for (Channel member : t.members()) {
            Map<String, Object> u = new LinkedHashMap<>();
            u.put("user_id", member.id());
            u.put("user_login", member.login());
            u.put("user_name", member.displayName());
            users.add(u);
        }
        m.put("users", users);
        m.putAll(teamCommon(t));
        return m;
    }

    public Map<String, Object> scheduleSegment(ScheduledSegment s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("start_time", time(s.start()));
        m.put("end_time", time(s.end()));
        m.put("title", s.title());
        m.put("canceled_until", null);
        if (s.game() == null) {
            m.put("category", null);
        } else {
            Map<String, Object> category = new LinkedHashMap<>();
            category.put("id", s.game().id());
            category.put("name", s.game().name());
            m.put("category", category);
        }
        m.put("is_recurring", s.recurring());
        return m;
    }

    private Map<String, Object> emoteCommon(Emote e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("name", e.name());
        Map<String, Object> images = new LinkedHashMap<>();
        images.put("url_1x", e.imageUrl("1.0"));
        images.put("url_2x", e.imageUrl("2.0"));
        images.put("url_4x", e.imageUrl("3.0"));
        m.put("images", images);
        return m;
    }

    public Map<String, Object> globalEmote(Emote e) {
        Map<String, Object> m = emoteCommon(e);
        m.put("format", e.formats());
        m.put("scale", List.of("1.0", "2.0", "3.0"));
        m.put("theme_mode", List.of("light", "dark"));
        return m;
    }

    public Map<String, Object> channelEmote(Emote e) {
        Map<String, Object> m = emoteCommon(e);
        m.put("tier", e.tier());
        m.put("emote_type", e.emoteType());
        m.put("emote_set_id", e.emoteSetId());
        m.put("format", e.formats());
        m.put("scale", List.of("1.0", "2.0", "3.0"));
        m.put("theme_mode", List.of("light", "dark"));
        return m;
    }
}
