package io.lurker.analytics.rest;

import io.lurker.analytics.service.FreshnessService;
import io.lurker.analytics.service.Window;
import io.lurker.tokenpool.problem.Problem;
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

@Path("/api/v1/status")
@Tag(name = "Collection status", description = "How fresh the stored data is, per kind of event")
@SecurityRequirement(name = "SecurityScheme")
@RolesAllowed(ApiRoles.READ)
@Produces({MediaType.APPLICATION_JSON, Answers.CSV})
@APIResponse(responseCode = "400", description = "A parameter is invalid (named in 'parameter')",
        content = @Content(mediaType = Problem.MEDIA_TYPE))
@APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE))
@APIResponse(responseCode = "403", description = "Role read needed", content = @Content(mediaType = Problem.MEDIA_TYPE))
public class StatusResource {

    private final FreshnessService freshness;
    private final Clock clock;

    public StatusResource(FreshnessService freshness, Clock clock) {
        this.freshness = freshness;
        this.clock = clock;
    }

    @GET
    @Path("/ingest")
    @Operation(summary = "Events stored per bucket by event time, one column per kind: the ingest rate over time")
    @APIResponse(responseCode = "200", description = "One point per bucket (CSV: one row per bucket)",
            content = @Content(schema = @Schema(implementation = FreshnessService.Ingest.class)))
    public Response ingest(@Parameter(description = ChannelResource.FROM) @QueryParam("from") String from,
            @Parameter(description = ChannelResource.TO) @QueryParam("to") String to,
            @Parameter(description = "1m, 5m, 15m, 1h or 1d (default 1h)") @QueryParam("granularity") String granularity,
            @Parameter(description = ChannelResource.FORMAT) @QueryParam("format") String format) throws SQLException {
        String f = Answers.format(format);
        return Answers.of(freshness.ingest(Window.parse(from, to, "today", clock),
                ChannelResource.granularity(granularity, "1h")), f, FreshnessService.IngestPoint.class);
    }

    @GET
    @Path("/freshness")
    @Operation(summary = "Per kind of event: the newest event time stored, its age, and the events stored over the last minutes")
    @APIResponse(responseCode = "200", description = "One row per kind",
            content = @Content(schema = @Schema(implementation = FreshnessService.Freshness.class)))
    public Response freshness(@Parameter(description = "1 to 1440 (default 60)") @QueryParam("minutes") String minutes,
            @Parameter(description = ChannelResource.FORMAT) @QueryParam("format") String format) throws SQLException {
        String f = Answers.format(format);
        return Answers.of(freshness.freshness(Ints.parse("minutes", minutes, 60, 1, 1440)), f,
                FreshnessService.KindRow.class);
    }
}
