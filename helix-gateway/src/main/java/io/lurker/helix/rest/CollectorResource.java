package io.lurker.helix.rest;

import io.lurker.helix.collector.CollectorRunner;
import io.lurker.helix.collector.CollectorRunner.JobStatus;
import io.lurker.helix.collector.CollectorRunner.RunReport;
import io.lurker.helix.service.Watchlist;
import io.lurker.tokenpool.problem.Problem;
import io.lurker.tokenpool.security.ApiRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The collectors: their status, and runs on demand (used by {@code ./lurker pipeline}). */
@Path("/api/v1/collectors")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Collectors", description = "Scheduled Helix collectors publishing stream.* and catalog.* events")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "401", description = "No or invalid Lurker API token",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The token lacks the role",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
public class CollectorResource {

    private final CollectorRunner runner;
    private final Watchlist watchlist;

    public CollectorResource(CollectorRunner runner, Watchlist watchlist) {
        this.runner = runner;
        this.watchlist = watchlist;
    }

    /** The watchlist the collectors work on, with its version and where it came from. */
    public record WatchlistView(long version, String source, List<Watchlist.Channel> channels, List<Watchlist.Game> games) {
    }

    @GET
    @Path("/watchlist")
    @RolesAllowed(ApiRoles.READ)
    @Operation(summary = "The watchlist the collectors work on: its version (analytics-service's, -1 before any) and source",
            description = "A client that changed analytics-service's watchlist waits until `version` reaches the version it was "
                    + "given before running collectors (`./lurker pipeline` does).")
    @APIResponse(responseCode = "200", description = "The watchlist", content = @Content(
            schema = @Schema(implementation = WatchlistView.class),
            examples = @ExampleObject(name = "watchlist", value = "{\"version\":7,\"source\":\"analytics\",\"channels\":[{\"id\":\"1001\",\"login\":\"caedrel\"}],\"games\":[]}")))
    public WatchlistView watchlist() {
        long version = watchlist.version();
        return new WatchlistView(version, watchlist.source(), watchlist.channels(), watchlist.games());
    }

    @GET
    @RolesAllowed(ApiRoles.READ)
    @Operation(summary = "Every collector with its interval, last run, last success, last error and whether it runs now")
    @APIResponse(responseCode = "200", description = "Collectors", content = @Content(
            schema = @Schema(implementation = JobStatus.class, type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY),
            examples = @ExampleObject(name = "collectors", value = "[{\"name\":\"streams\",\"intervalSeconds\":60,\"lastRunAt\":\"2025-03-14T18:00:03Z\",\"lastSuccessAt\":\"2025-03-14T18:00:04Z\",\"lastError\":null,\"running\":false}]")))
    public List<JobStatus> list() {
        return runner.statuses();
    }

    @POST
    @Path("/{name}/run")
    @RolesAllowed(ApiRoles.ADMIN)
    @Operation(summary = "Run a collector now under its lease; answers once all its batches are confirmed by the broker")
    @APIResponse(responseCode = "200", description = "What the run requested and published", content = @Content(
            schema = @Schema(implementation = RunReport.class),
            examples = @ExampleObject(name = "clips", value = "{\"collector\":\"clips\",\"since\":\"2025-03-14T16:00:00Z\",\"until\":\"2025-03-14T18:00:00Z\",\"requests\":42,\"published\":{\"catalog.clip\":3},\"durationMs\":812}")))
    @APIResponse(responseCode = "400", description = "Bad since/until",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such collector",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Another run held the lease for 60 s",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Twitch or RabbitMQ unavailable (unconfirmed batches are kept and published next run)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public RunReport run(@PathParam("name") String name,
                         @QueryParam("since") @Parameter(description = "RFC 3339; default: clips 2 h ago, vods 30 days ago") String since,
                         @QueryParam("until") @Parameter(description = "RFC 3339; default now") String until) {
        return runner.runNow(name, Optional.ofNullable(since).map(s -> TypedHelixResource.time("since", s)),
                Optional.ofNullable(until).map(s -> TypedHelixResource.time("until", s)));
    }
}
