package io.lurker.emulator.gql;

import io.lurker.emulator.rest.AdminProblems;
import io.lurker.emulator.world.Channel;
import io.lurker.emulator.world.Video;
import io.lurker.emulator.world.World;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Admin and ground truth of the emulated GraphQL: hashes (read, rotate, transient failures), counters, replay truth. */
@Path("/emulator/gql")
@Tag(name = "GraphQL", description = "Persisted-query hashes, integrity counters and replay ground truth")
@Produces(MediaType.APPLICATION_JSON)
public class GqlAdminResource {

    private final PersistedQueries queries;
    private final IntegrityTokens integrity;
    private final GqlRouter router;
    private final GqlOperations operations;
    private final ReplayComments replay;
    private final World world;

    public GqlAdminResource(PersistedQueries queries, IntegrityTokens integrity, GqlRouter router,
                            GqlOperations operations, ReplayComments replay, World world) {
        this.queries = queries;
        this.integrity = integrity;
        this.router = router;
        this.operations = operations;
        this.replay = replay;
        this.world = world;
    }

    public record RotateRequest(String operation) {
    }

    public record FailNextRequest(Integer count) {
    }

    @GET
    @Path("/hashes")
    @Operation(summary = "Current persisted-query hash of every operation and the script bundle that carries them")
    @APIResponse(responseCode = "200", description = "{operations, generations, bundle}")
    @APIResponse(responseCode = "401", description = "Admin key missing or wrong")
    public Map<String, Object> hashes() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("operations", queries.current());
        Map<String, Integer> generations = new LinkedHashMap<>();
        PersistedQueries.OPERATIONS.forEach(op -> generations.put(op, queries.generation(op)));
        m.put("generations", generations);
        m.put("bundle", "/web/assets/" + queries.bundle().assetName());
        return m;
    }

    @POST
    @Path("/hashes/rotate")
    @Operation(summary = "Rotate one operation's hash ({\"operation\": name}) or all of them (empty body): old hashes answer PersistedQueryNotFound")
    @APIResponse(responseCode = "200", description = "The new hashes")
    @APIResponse(responseCode = "400", description = "Unknown operation")
    @APIResponse(responseCode = "401", description = "Admin key missing or wrong")
    public Map<String, Object> rotate(RotateRequest request) {
        queries.rotate(request == null || request.operation() == null || request.operation().isBlank() ? null
                : request.operation().trim());
        return hashes();
    }

    @POST
    @Path("/hashes/fail-next")
    @Operation(summary = "The next N operations answer PersistedQueryNotFound whatever their hash (a transient failure)")
    @APIResponse(responseCode = "200", description = "{pending}")
    @APIResponse(responseCode = "400", description = "Missing or negative count")
    @APIResponse(responseCode = "401", description = "Admin key missing or wrong")
    public Map<String, Object> failNext(FailNextRequest request) {
        if (request == null || request.count() == null || request.count() < 0) {
            throw new IllegalArgumentException("give count >= 0");
        }
        queries.failNext(request.count());
        return Map.of("pending", request.count());
    }

    @GET
    @Path("/counters")
    @Operation(summary = "Outcomes per operation (ok, persisted_query_not_found, failed_integrity_check, error) and integrity issue/check counts")
    @APIResponse(responseCode = "200", description = "{operations, integrity}")
    @APIResponse(responseCode = "401", description = "Admin key missing or wrong")
    public Map<String, Object> counters() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("operations", router.outcomes());
        m.put("integrity", integrity.counters());
        return m;
    }

    @GET
    @Path("/integrity")
    @Operation(summary = "Integrity tokens issued (and how many flagged as bad bots) and checks by verdict")
    @APIResponse(responseCode = "200", description = "{issued, issued_bad_bot, challenges_refused, checks}")
    @APIResponse(responseCode = "401", description = "Admin key missing or wrong")
    public Map<String, Object> integrity() {
        return integrity.counters();
    }

    @POST
    @Path("/integrity/revoke-all")
    @Operation(summary = "Refuse every integrity token issued so far (guarded operations then fail the integrity check)")
    @APIResponse(responseCode = "200", description = "Revoked")
    @APIResponse(responseCode = "401", description = "Admin key missing or wrong")
    public Map<String, Object> revokeAll() {
        integrity.revokeAll();
        return Map.of("revoked", true);
    }

    @DELETE
    @Path("/counters")
    @Operation(summary = "Zero the GraphQL and integrity counters")
    @APIResponse(responseCode = "200", description = "Reset")
    @APIResponse(responseCode = "401", description = "Admin key missing or wrong")
    public Map<String, Object> resetCounters() {
        router.resetOutcomes();
        integrity.resetCounters();
        return Map.of("reset", true);
    }

    @GET
    @Path("/truth/comments")
    @Operation(summary = "Every chat-replay comment of a video now, in order (no paging)")
    @APIResponse(responseCode = "200", description = "{video_id, total, data}")
    @APIResponse(responseCode = "400", description = "Missing video_id")
    @APIResponse(responseCode = "404", description = "No such video")
    @APIResponse(responseCode = "401", description = "Admin key missing or wrong")
    public Map<String, Object> comments(@QueryParam("video_id") String videoId) {
        Video video = video(videoId);
        List<Map<String, Object>> data = new ArrayList<>();
        for (ReplayComments.Comment c : replay.all(video)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", c.id());
            row.put("content_offset_seconds", c.offsetSeconds());
            row.put("created_at", c.createdAt().toString());
            row.put("commenter_id", c.commenter().id());
            row.put("commenter_login", c.commenter().login());
            row.put("text", c.text());
            row.put("emote_ids", c.fragments().stream().filter(f -> f.emoteId() != null).map(ReplayComments.Fragment::emoteId).toList());
            data.add(row);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("video_id", video.id());
        m.put("total", data.size());
        m.put("data", data);
        return m;
    }

    @GET
    @Path("/truth/chapters")
    @Operation(summary = "A video's chapters (game segments of its broadcast, consecutive ones of one game merged)")
    @APIResponse(responseCode = "200", description = "{video_id, data}")
    @APIResponse(responseCode = "400", description = "Missing video_id")
    @APIResponse(responseCode = "404", description = "No such video")
    @APIResponse(responseCode = "401", description = "Admin key missing or wrong")
    public Map<String, Object> chapters(@QueryParam("video_id") String videoId) {
        Video video = video(videoId);
        List<Map<String, Object>> data = new ArrayList<>();
        for (GqlOperations.Chapter chapter : operations.chapters(video)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("position_seconds", chapter.positionSeconds());
            row.put("duration_seconds", chapter.durationSeconds());
            row.put("game_id", chapter.game().id());
            row.put("game_name", chapter.game().name());
            data.add(row);
        }
        return Map.of("video_id", video.id(), "data", data);
    }

    @GET
    @Path("/truth/archives")
    @Operation(summary = "Existing archive VODs, smallest expected chat first (length × peak viewers), with their chapter counts "
            + "and, with comments=true, their replay comment counts")
    @APIResponse(responseCode = "200", description = "[{video_id, user_id, user_login, length_seconds, peak_viewers, live, chapters, comments?}]")
    @APIResponse(responseCode = "401", description = "Admin key missing or wrong")
    public List<Map<String, Object>> archives(@QueryParam("limit") Integer limit, @QueryParam("comments") Boolean comments) {
        List<Video> archives = new ArrayList<>();
        for (Channel channel : world.channels()) {
            for (Video video : world.videosOf(channel)) {
                if ("archive".equals(video.type()) && video.session() != null) {
                    archives.add(video);
                }
            }
        }
        var now = world.now();
        archives.sort(Comparator.comparingDouble(v -> v.durationSecondsAt(now) * v.session().peakViewers()));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Video video : archives.subList(0, Math.min(archives.size(), limit == null ? 100 : Math.max(1, limit)))) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("video_id", video.id());
            row.put("user_id", video.owner().id());
            row.put("user_login", video.owner().login());
            row.put("length_seconds", video.durationSecondsAt(now));
            row.put("peak_viewers", Math.round(video.session().peakViewers()));
            row.put("live", video.session().liveAt(now));
            row.put("chapters", operations.chapters(video).size());
            if (Boolean.TRUE.equals(comments)) {
                row.put("comments", replay.all(video).size());
            }
            rows.add(row);
        }
        return rows;
    }

    private Video video(String videoId) {
        if (videoId == null || videoId.isBlank()) {
            throw new IllegalArgumentException("video_id is required");
        }
        Video video = world.video(videoId.trim());
        if (video == null) {
            throw new AdminProblems.NotFoundProblem("no video " + videoId);
        }
        return video;
    }
}
