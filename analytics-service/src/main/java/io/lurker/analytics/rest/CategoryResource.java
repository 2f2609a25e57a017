package io.lurker.analytics.rest;

import static io.lurker.analytics.rest.ChannelResource.FORMAT;
import static io.lurker.analytics.rest.ChannelResource.FROM;
import static io.lurker.analytics.rest.ChannelResource.TO;

import io.lurker.analytics.service.CategoryService;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/categories")
@Tag(name = "Categories", description = "Games: top, trending, series and summary")
@SecurityRequirement(name = "SecurityScheme")
@RolesAllowed(ApiRoles.READ)
@Produces({MediaType.APPLICATION_JSON, Answers.CSV})
@APIResponse(responseCode = "400", description = "A parameter is invalid (named in 'parameter')",
        content = @Content(mediaType = Problem.MEDIA_TYPE))
@APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE))
@APIResponse(responseCode = "403", description = "Role read needed", content = @Content(mediaType = Problem.MEDIA_TYPE))
public class CategoryResource {

    private final CategoryService categories;
    private final Clock clock;

    public CategoryResource(CategoryService categories, Clock clock) {
        this.categories = categories;
        this.clock = clock;
    }

    @GET
    @Path("/top")
    @Operation(summary = "The top games at the latest poll")
    @APIResponse(responseCode = "200", description = "Games by rank",
            content = @Content(schema = @Schema(implementation = CategoryService.Top.class)))
    public Response top(@Parameter(description = "1 to 100 (default 20)") @QueryParam("limit") String limit,
            @Parameter(description = FORMAT) @QueryParam("format") String format) throws SQLException {
        String f = Answers.format(format);
        return Answers.of(categories.top(Ints.parse("limit", limit, 20, 1, 100)), f, CategoryService.TopRow.class);
    }

    @GET
    @Path("/trending")
    @Operation(summary = "Games by viewer change over N hours, each against its own poll nearest to now − N h")
    @APIResponse(responseCode = "200", description = "Games by change",
            content = @Content(schema = @Schema(implementation = CategoryService.Trending.class)))
    public Response trending(@Parameter(description = "1 to 720 (default 24)") @QueryParam("hours") String hours,
            @Parameter(description = "1 to 100 (default 20)") @QueryParam("limit") String limit,
            @Parameter(description = "absolute (default) or percent") @QueryParam("sort") String sort,
            @Parameter(description = FORMAT) @QueryParam("format") String format) throws SQLException {
        String f = Answers.format(format);
        return Answers.of(categories.trending(Ints.parse("hours", hours, 24, 1, 720), Ints.parse("limit", limit, 20, 1, 100),
                sort == null ? "absolute" : sort), f, CategoryService.TrendRow.class);
    }

    @GET
    @Path("/{gameId}/series")
    @Operation(summary = "A game's time-weighted average viewers and channels per bucket")
    @APIResponse(responseCode = "200", description = "The series",
            content = @Content(schema = @Schema(implementation = CategoryService.Series.class)))
    @APIResponse(responseCode = "404", description = "Unknown game", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response series(@PathParam("gameId") String gameId,
            @Parameter(description = FROM) @QueryParam("from") String from,
            @Parameter(description = TO) @QueryParam("to") String to,
            @Parameter(description = "1m, 5m, 15m, 1h or 1d (default 1h)") @QueryParam("granularity") String granularity,
            @Parameter(description = FORMAT) @QueryParam("format") String format) throws SQLException {
        String f = Answers.format(format);
        return Answers.of(categories.series(gameId, Window.parse(from, to, "7d", clock),
                ChannelResource.granularity(granularity, "1h")), f, CategoryService.SeriesPoint.class);
    }

    @GET
    @Path("/{gameId}/summary")
    @Operation(summary = "Hours watched and streamed, average and peak viewers and channels, viewer/channel ratio, unique streamers")
    @APIResponse(responseCode = "200", description = "The summary",
            content = @Content(schema = @Schema(implementation = CategoryService.Summary.class)))
    @APIResponse(responseCode = "404", description = "Unknown game", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public CategoryService.Summary summary(@PathParam("gameId") String gameId,
            @Parameter(description = FROM) @QueryParam("from") String from,
            @Parameter(description = TO) @QueryParam("to") String to) throws SQLException {
        return categories.summary(gameId, Window.parse(from, to, "7d", clock));
    }

}
