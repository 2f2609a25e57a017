package io.lurker.analytics.rest;

import static io.lurker.analytics.rest.ChannelResource.FORMAT;
import static io.lurker.analytics.rest.ChannelResource.FROM;
import static io.lurker.analytics.rest.ChannelResource.TO;

import io.lurker.analytics.repository.ClipRepository;
import io.lurker.analytics.repository.VodRepository;
import io.lurker.analytics.service.ClipVodService;
import io.lurker.analytics.service.Window;
import io.lurker.tokenpool.problem.Problem;
import io.lurker.tokenpool.security.ApiRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1")
@Tag(name = "Clips and VODs", description = "Top clips, view trajectories, velocity; VODs and chapters")
@SecurityRequirement(name = "SecurityScheme")
@RolesAllowed(ApiRoles.READ)
@Produces({MediaType.APPLICATION_JSON, Answers.CSV})
@APIResponse(responseCode = "400", description = "A parameter is invalid (named in 'parameter')",
        content = @Content(mediaType = Problem.MEDIA_TYPE))
@APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE))
@APIResponse(responseCode = "403", description = "Role read needed", content = @Content(mediaType = Problem.MEDIA_TYPE))
public class ClipVodResource {

    private final ClipVodService service;
    private final Clock clock;

    public ClipVodResource(ClipVodService service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    @GET
    @Path("/clips/top")
    @Operation(summary = "Top clips created in a window across channels (login, repeatable) or a game, with views per day")
    @APIResponse(responseCode = "200", description = "Clips by views",
            content = @Content(schema = @Schema(implementation = ClipVodService.TopClips.class)))
    @APIResponse(responseCode = "404", description = "Unknown channel", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response top(@QueryParam("login") List<String> logins, @QueryParam("gameId") String gameId,
            @Parameter(description = FROM) @QueryParam("from") String from,
            @Parameter(description = TO) @QueryParam("to") String to,
            @Parameter(description = "1 to 500 (default 20)") @QueryParam("limit") String limit,
            @Parameter(description = "views (default) or views-per-day") @QueryParam("sort") String sort,
            @Parameter(description = FORMAT) @QueryParam("format") String format) throws SQLException {
        String f = Answers.format(format);
        return Answers.of(service.top(logins, gameId, Window.parse(from, to, "7d", clock),
                Ints.parse("limit", limit, 20, 1, 500), sort == null ? "views" : sort), f, ClipRepository.Clip.class);
    }

    @GET
    @Path("/clips/velocity")
    @Operation(summary = "Clips created in a window ranked by views gained per hour in their first 24 h")
    @APIResponse(responseCode = "200", description = "Clips by velocity",
            content = @Content(schema = @Schema(implementation = ClipVodService.VelocityRanking.class)))
    public Response velocity(@Parameter(description = FROM) @QueryParam("from") String from,
            @Parameter(description = TO) @QueryParam("to") String to,
            @Parameter(description = "1 to 500 (default 20)") @QueryParam("limit") String limit,
            @Parameter(description = FORMAT) @QueryParam("format") String format) throws SQLException {
        String f = Answers.format(format);
        return Answers.of(service.velocity(Window.parse(from, to, "today", clock),
                Ints.parse("limit", limit, 20, 1, 500)), f, ClipRepository.Velocity.class);
    }

    @GET
    @Path("/clips/{clipId}/trajectory")
    @Operation(summary = "A clip's view count over its first 24 hours")
    @APIResponse(responseCode = "200", description = "View samples",
            content = @Content(schema = @Schema(implementation = ClipVodService.Trajectory.class)))
    @APIResponse(responseCode = "404", description = "Unknown clip", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response trajectory(@PathParam("clipId") String clipId,
            @Parameter(description = FORMAT) @QueryParam("format") String format) throws SQLException {
        String f = Answers.format(format);
        return Answers.of(service.trajectory(clipId), f, ClipRepository.Sample.class);
    }

    @GET
    @Path("/vods")
    @Operation(summary = "VODs created in a window (of the logins given, or of the watched channels) with muted-audio summary")
    @APIResponse(responseCode = "200", description = "VODs, newest first",
            content = @Content(schema = @Schema(implementation = ClipVodService.VodList.class)))
    @APIResponse(responseCode = "404", description = "Unknown channel", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response vods(@QueryParam("login") List<String> logins,
            @Parameter(description = FROM) @QueryParam("from") String from,
            @Parameter(description = TO) @QueryParam("to") String to,
            @Parameter(description = "1 to 500 (default 100)") @QueryParam("limit") String limit,
            @Parameter(description = FORMAT) @QueryParam("format") String format) throws SQLException {
        String f = Answers.format(format);
        return Answers.of(service.vods(logins, Window.parse(from, to, "30d", clock),
                Ints.parse("limit", limit, 100, 1, 500)), f, VodRepository.Vod.class);
    }

    @GET
    @Path("/vods/{videoId}/chapters")
    @Operation(summary = "A VOD's chapters (stretches spent in one game)")
    @APIResponse(responseCode = "200", description = "Chapters in order",
            content = @Content(schema = @Schema(implementation = ClipVodService.Chapters.class)))
    @APIResponse(responseCode = "404", description = "Unknown VOD", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response chapters(@PathParam("videoId") String videoId,
            @Parameter(description = FORMAT) @QueryParam("format") String format) throws SQLException {
        String f = Answers.format(format);
        return Answers.of(service.chapters(videoId), f, VodRepository.Chapter.class);
    }
}
