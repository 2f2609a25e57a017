package io.lurker.gql.rest;

import io.lurker.gql.repository.ReplayProgressStore.Progress;
import io.lurker.gql.service.ReplayService;
import io.lurker.tokenpool.problem.Problem;
import io.lurker.tokenpool.security.ApiRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/gql/replays")
@Tag(name = "VOD chat replay", description = "Publishes a VOD's chat to chat.replay.<video_id>, resumably")
@Produces(MediaType.APPLICATION_JSON)
public class ReplayResource {

    private final ReplayService replays;

    public ReplayResource(ReplayService replays) {
        this.replays = replays;
    }

    public record ProgressView(Progress progress, boolean active) {
    }

    @POST
    @Path("/{videoId}")
    @RolesAllowed(ApiRoles.ADMIN)
    @Operation(summary = "Start or resume a VOD's chat replay (restart=true starts over); a complete replay is not repeated")
    @APIResponse(responseCode = "202", description = "Running (or already complete)", content = @Content(schema = @Schema(implementation = ProgressView.class)))
    @APIResponse(responseCode = "400", description = "Not a video id", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "401", description = "No or invalid Lurker API token", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "The token lacks the admin role", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "restart=true while the job runs", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "GraphQL disabled", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response start(@PathParam("videoId") String videoId, @QueryParam("restart") @DefaultValue("false") boolean restart) {
        Progress progress = replays.start(videoId, restart);
        return Response.accepted(new ProgressView(progress, replays.active(videoId))).build();
    }

    @GET
    @Path("/{videoId}")
    @RolesAllowed(ApiRoles.READ)
    @Operation(summary = "A replay's progress: state, comments and batches published, position, error")
    @APIResponse(responseCode = "200", description = "Progress", content = @Content(schema = @Schema(implementation = ProgressView.class)))
    @APIResponse(responseCode = "400", description = "Not a video id", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "401", description = "No or invalid Lurker API token", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "The token lacks the read role", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "No replay of that video", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "GraphQL disabled", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public ProgressView progress(@PathParam("videoId") String videoId) {
        return new ProgressView(replays.progress(videoId), replays.active(videoId));
    }

    @GET
    @RolesAllowed(ApiRoles.READ)
    @Operation(summary = "Every replay known, with its progress")
    @APIResponse(responseCode = "200", description = "Replays")
    @APIResponse(responseCode = "401", description = "No or invalid Lurker API token", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "The token lacks the read role", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "GraphQL disabled", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public List<Progress> all() {
        return replays.all();
    }

    @DELETE
    @Path("/{videoId}")
    @RolesAllowed(ApiRoles.ADMIN)
    @Operation(summary = "Pause a running replay after its current page; start resumes it")
    @APIResponse(responseCode = "200", description = "Progress at the time of the request", content = @Content(schema = @Schema(implementation = Progress.class)))
    @APIResponse(responseCode = "400", description = "Not a video id", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "401", description = "No or invalid Lurker API token", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "The token lacks the admin role", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "No replay of that video", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "GraphQL disabled", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Progress cancel(@PathParam("videoId") String videoId) {
        return replays.cancel(videoId);
    }
}
