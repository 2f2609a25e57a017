package io.lurker.emulator.rest;

import io.lurker.emulator.helix.HelixViews;
import io.lurker.emulator.world.Channel;
import io.lurker.emulator.world.Clip;
import io.lurker.emulator.world.ClipQuery;
import io.lurker.emulator.world.Game;
import io.lurker.emulator.world.GameStats;
import io.lurker.emulator.world.LiveSnapshot;
import io.lurker.emulator.world.LiveStream;
import io.lurker.emulator.world.Segment;
import io.lurker.emulator.world.Session;
import io.lurker.emulator.world.Video;
import io.lurker.emulator.world.World;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What exists, without Helix's limits (no paging cap, no page size), in Helix's JSON shapes,
 * so tests can compare what Lurker collected with the truth.
 */
@Path("/emulator/truth")
@Tag(name = "Ground truth", description = "Everything that exists now, without Helix's caps")
@Produces(MediaType.APPLICATION_JSON)
public class GroundTruthResource {

    private final World world;
    private final HelixViews views;

    public GroundTruthResource(World world, HelixViews views) {
        this.world = world;
        this.views = views;
    }

    @GET
    @Path("/clips")
    @Operation(summary = "Every visible clip of a broadcaster or game created in [started_at, ended_at], most viewed first")
    @APIResponse(responseCode = "200", description = "{total, data}")
    @APIResponse(responseCode = "400", description = "Neither or both of broadcaster_id and game_id, or a bad time")
    @APIResponse(responseCode = "404", description = "Unknown broadcaster or game")
    @APIResponse(responseCode = "401", description = "Admin key missing or wrong")
    public Map<String, Object> clips(@QueryParam("broadcaster_id") String broadcasterId, @QueryParam("game_id") String gameId,
                                     @QueryParam("started_at") String startedAt, @QueryParam("ended_at") String endedAt,
                                     @QueryParam("is_featured") Boolean featured) {
        if ((broadcasterId == null) == (gameId == null)) {
            throw new IllegalArgumentException("give exactly one of broadcaster_id and game_id");
        }
        Instant from = startedAt == null ? null : Instant.parse(startedAt);
        Instant to = endedAt == null ? null : Instant.parse(endedAt);
        ClipQuery query = broadcasterId != null ? ClipQuery.ofBroadcaster(channel(broadcasterId), from, to, featured)
                : ClipQuery.ofGame(game(gameId), from, to, featured);
        List<Clip> clips = world.clips(query, 0);
        Instant now = world.now();
        List<Map<String, Object>> data = new ArrayList<>(clips.size());
        for (Clip clip : clips) {
            data.add(views.clip(clip, now));
        }
        return Map.of("total", data.size(), "data", data);
    }

    @GET
    @Path("/streams")
    @Operation(summary = "Every live stream now (of a game and/or language when given), most watched first")
    @APIResponse(responseCode = "200", description = "{total, viewers, data}")
    @APIResponse(responseCode = "404", description = "Unknown game")
    @APIResponse(responseCode = "401", description = "Admin key missing or wrong")
    public Map<String, Object> streams(@QueryParam("game_id") String gameId, @QueryParam("language") String language) {
        LiveSnapshot live = world.live();
        List<LiveStream> streams = gameId != null ? live.streamsOfGame(game(gameId)) : live.streams();
        List<Map<String, Object>> data = new ArrayList<>();
        long viewers = 0;
        for (LiveStream s : streams) {
            if (language == null || language.equals(s.channel().language())) {
                data.add(views.stream(s));
                viewers += s.viewers();
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", live.at().toString());
        m.put("total", data.size());
        m.put("viewers", viewers);
        m.put("data", data);
        return m;
    }

    @GET
    @Path("/videos")
    @Operation(summary = "Every existing video of a user or game, newest first")
    @APIResponse(responseCode = "200", description = "{total, data}")
    @APIResponse(responseCode = "400", description = "Neither or both of user_id and game_id")
    @APIResponse(responseCode = "404", description = "Unknown user or game")
    @APIResponse(responseCode = "401", description = "Admin key missing or wrong")
    public Map<String, Object> videos(@QueryParam("user_id") String userId, @QueryParam("game_id") String gameId) {
        if ((userId == null) == (gameId == null)) {
            throw new IllegalArgumentException("give exactly one of user_id and game_id");
        }
        List<Video> videos = userId != null ? world.videosOf(channel(userId)) : world.videosOfGame(game(gameId));
        Instant now = world.now();
        List<Map<String, Object>> data = new ArrayList<>(videos.size());
        for (Video v : videos) {
            data.add(views.video(v, now));
        }
        return Map.of("total", data.size(), "data", data);
    }

    @GET
    @Path("/games/top")
    @Operation(summary = "Every game ranked by viewers now, with its live stream count and viewer sum")
    @APIResponse(responseCode = "200", description = "{data}")
    @APIResponse(responseCode = "401", description = "Admin key missing or wrong")
    public Map<String, Object> topGames() {
        List<Map<String, Object>> data = new ArrayList<>();
        for (GameStats stats : world.live().topGames()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", stats.game().id());
            m.put("name", stats.game().name());
            m.put("live_streams", stats.liveStreams());
            m.put("viewers", stats.viewers());
            data.add(m);
        }
        return Map.of("data", data);
    }

    @GET
    @Path("/followers")
    @Operation(summary = "A channel's follower total now")
    @APIResponse(responseCode = "200", description = "{broadcaster_id, total}")
    @APIResponse(responseCode = "404", description = "Unknown broadcaster")
    @APIResponse(responseCode = "401", description = "Admin key missing or wrong")
    public Map<String, Object> followers(@QueryParam("broadcaster_id") String broadcasterId) {
        Channel c = channel(broadcasterId);
        return Map.of("broadcaster_id", c.id(), "total", world.followerTotal(c), "at", world.now().toString());
    }

    @GET
    @Path("/sessions")
    @Operation(summary = "A channel's broadcasts overlapping [started_at, ended_at] (up to now), with segments")
    @APIResponse(responseCode = "200", description = "{total, data}")
    @APIResponse(responseCode = "404", description = "Unknown user")
    @APIResponse(responseCode = "401", description = "Admin key missing or wrong")
    public Map<String, Object> sessions(@QueryParam("user_id") String userId, @QueryParam("started_at") String startedAt,
                                        @QueryParam("ended_at") String endedAt) {
        Channel c = channel(userId);
        Instant now = world.now();
        Instant from = startedAt == null ? Instant.EPOCH : Instant.parse(startedAt);
        Instant to = endedAt == null || Instant.parse(endedAt).isAfter(now) ? now : Instant.parse(endedAt);
        List<Map<String, Object>> data = new ArrayList<>();
        for (Session s : world.timeline().sessionsOf(c.index())) {
            if (s.start().isAfter(to) || !s.end().isAfter(from)) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("stream_id", s.streamId());
            m.put("started_at", HelixViews.time(s.start()));
            m.put("ended_at", s.end().isAfter(now) ? null : HelixViews.time(s.end()));
            m.put("archive_video_id", s.archiveVideoId());
            List<Map<String, Object>> segments = new ArrayList<>();
            for (Segment seg : s.segments()) {
                if (seg.from().isAfter(now)) {
                    break;
                }
                Game game = world.data().game(seg.gameIndex());
                segments.add(Map.of("from", HelixViews.time(seg.from()), "game_id", game.id(), "game_name", game.name(),
                        "title", seg.title()));
            }
            m.put("segments", segments);
            data.add(m);
        }
        return Map.of("total", data.size(), "data", data);
    }

    private Channel channel(String id) {
        Channel c = id == null ? null : world.channel(id);
        if (c == null) {
            throw new AdminProblems.NotFoundProblem("no user " + id);
        }
        return c;
    }

    private Game game(String id) {
        Game g = world.data().gameById(id);
        if (g == null) {
            throw new AdminProblems.NotFoundProblem("no game " + id);
        }
        return g;
    }
}
