package io.lurker.analytics.rest;

import static io.lurker.analytics.rest.ChannelResource.FROM;
import static io.lurker.analytics.rest.ChannelResource.TO;

import io.lurker.analytics.service.CollectionSummaryService;
import io.lurker.analytics.service.Window;
import io.lurker.tokenpool.problem.Problem;
import io.lurker.tokenpool.problem.ProblemException;
import io.lurker.tokenpool.security.ApiRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.time.Clock;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/summary")
@Tag(name = "Collection summary", description = "What was collected, as JSON or text")
@SecurityRequirement(name = "SecurityScheme")
public class SummaryResource {

    private final CollectionSummaryService summary;
    private final Clock clock;

    public SummaryResource(CollectionSummaryService summary, Clock clock) {
        this.summary = summary;
        this.clock = clock;
    }

    @GET
    @RolesAllowed(ApiRoles.READ)
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    @Operation(summary = "Channels, clips, top 5 clips, VODs, average VOD length, muted VODs, chat messages and top emotes "
            + "for the watchlist (default) or a game")
    @APIResponse(responseCode = "200", description = "The summary (format=text: plain text)",
            content = @Content(schema = @Schema(implementation = CollectionSummaryService.Summary.class)))
    @APIResponse(responseCode = "400", description = "A parameter is invalid", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "Role read needed", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "Unknown game", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response summary(@Parameter(description = "game id; default the watchlist") @QueryParam("gameId") String gameId,
            @Parameter(description = FROM) @QueryParam("from") String from,
            @Parameter(description = TO) @QueryParam("to") String to,
            @Parameter(description = "json (default) or text") @QueryParam("format") String format) throws SQLException {
        String f = format == null || format.isBlank() ? "json" : format;
        if (!"json".equals(f) && !"text".equals(f)) {
            throw ProblemException.badParameter("format", "must be json or text");
        }
        CollectionSummaryService.Summary s = summary.summarize(gameId, Window.parse(from, to, "7d", clock));
        return "text".equals(f) ? Response.ok(CollectionSummaryService.text(s), "text/plain; charset=utf-8").build()
                : Response.ok(s, MediaType.APPLICATION_JSON).build();
    }
}
