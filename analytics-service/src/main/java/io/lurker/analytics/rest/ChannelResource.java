package io.lurker.analytics.rest;

import io.lurker.analytics.service.ChannelAnalyticsService;
import io.lurker.analytics.service.CompareService;
import io.lurker.analytics.service.Granularity;
import io.lurker.analytics.service.Window;
import io.lurker.tokenpool.problem.Problem;
import io.lurker.tokenpool.problem.ProblemException;
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

@Path("/api/v1/channels")
@Tag(name = "Channels", description = "Viewers, airtime, games, sessions and comparisons of watched channels")
@SecurityRequirement(name = "SecurityScheme")
@RolesAllowed(ApiRoles.READ)
@Produces({MediaType.APPLICATION_JSON, Answers.CSV})
@APIResponse(responseCode = "400", description = "A parameter is invalid (named in 'parameter')",
        content = @Content(mediaType = Problem.MEDIA_TYPE))
@APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE))
@APIResponse(responseCode = "403", description = "Role read needed", content = @Content(mediaType = Problem.MEDIA_TYPE))
public class ChannelResource {

    static final String FROM = "Start: today, 7d, 30d, 90d or an RFC 3339 time (default 7d)";
    static final String TO = "End: now or an RFC 3339 time (default now)";
    static final String FORMAT = "json (default) or csv";

    private final ChannelAnalyticsService channels;
    private final CompareService compare;
    private final Clock clock;

    public ChannelResource(ChannelAnalyticsService channels, CompareService compare, Clock clock) {
        this.channels = channels;
        this.compare = compare;
        this.clock = clock;
    }

    @GET
    @Path("/{login}/summary")
    @Operation(summary = "Average viewers, peak, hours watched, airtime, streams and followers gained, against the previous period")
    @APIResponse(responseCode = "200", description = "The summary",
            content = @Content(schema = @Schema(implementation = ChannelAnalyticsService.Summary.class)))
    @APIResponse(responseCode = "404", description = "Unknown channel", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public ChannelAnalyticsService.Summary summary(@PathParam("login") String login,
            @Parameter(description = FROM) @QueryParam("from") String from,
            @Parameter(description = TO) @QueryParam("to") String to) throws SQLException {
        return channels.summary(login, Window.parse(from, to, "7d", clock));
    }

    @GET
    @Path("/{login}/viewers")
    @Operation(summary = "Viewer timeline (time-weighted average and peak per bucket) with game and title change markers; "
            + "granularity=1d gives peak and average by day")
    @APIResponse(responseCode = "200", description = "The series (CSV: one row per bucket)",
            content = @Content(schema = @Schema(implementation = ChannelAnalyticsService.ViewerSeries.class)))
    @APIResponse(responseCode = "404", description = "Unknown channel", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response viewers(@PathParam("login") String login,
            @Parameter(description = FROM) @QueryParam("from") String from,
            @Parameter(description = TO) @QueryParam("to") String to,
            @Parameter(description = "1m, 5m, 15m, 1h or 1d (default 1h)") @QueryParam("granularity") String granularity,
            @Parameter(description = FORMAT) @QueryParam("format") String format) throws SQLException {
        String f = Answers.format(format);
        return Answers.of(channels.viewers(login, Window.parse(from, to, "7d", clock), granularity(granularity, "1h")),
                f, ChannelAnalyticsService.ViewerPoint.class);
    }

    @GET
    @Path("/{login}/daily")
    @Operation(summary = "Peak and time-weighted average viewers by UTC day")
    @APIResponse(responseCode = "200", description = "One point per day",
            content = @Content(schema = @Schema(implementation = ChannelAnalyticsService.ViewerSeries.class)))
    @APIResponse(responseCode = "404", description = "Unknown channel", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response daily(@PathParam("login") String login,
            @Parameter(description = FROM) @QueryParam("from") String from,
            @Parameter(description = TO) @QueryParam("to") String to,
            @Parameter(description = FORMAT) @QueryParam("format") String format) throws SQLException {
        String f = Answers.format(format);
        return Answers.of(channels.viewers(login, Window.parse(from, to, "30d", clock), Granularity.DAY), f,
                ChannelAnalyticsService.ViewerPoint.class);
    }

    @GET
    @Path("/{login}/games")
    @Operation(summary = "Time per game from the real intervals between polls, with hours watched and average viewers")
    @APIResponse(responseCode = "200", description = "Games by time",
            content = @Content(schema = @Schema(implementation = ChannelAnalyticsService.GameTimes.class)))
    @APIResponse(responseCode = "404", description = "Unknown channel", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response games(@PathParam("login") String login,
            @Parameter(description = FROM) @QueryParam("from") String from,
            @Parameter(description = TO) @QueryParam("to") String to,
            @Parameter(description = FORMAT) @QueryParam("format") String format) throws SQLException {
        String f = Answers.format(format);
        return Answers.of(channels.games(login, Window.parse(from, to, "7d", clock)), f,
                ChannelAnalyticsService.GameShare.class);
    }

    @GET
    @Path("/{login}/sessions")
    @Operation(summary = "Broadcasts with start, end, peak, time-weighted average, hours watched and per-category segments")
    @APIResponse(responseCode = "200", description = "Sessions, newest first",
            content = @Content(schema = @Schema(implementation = ChannelAnalyticsService.Sessions.class)))
    @APIResponse(responseCode = "404", description = "Unknown channel", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response sessions(@PathParam("login") String login,
            @Parameter(description = FROM) @QueryParam("from") String from,
            @Parameter(description = TO) @QueryParam("to") String to,
            @Parameter(description = FORMAT) @QueryParam("format") String format) throws SQLException {
        String f = Answers.format(format);
        return Answers.of(channels.sessions(login, Window.parse(from, to, "30d", clock)), f,
                io.lurker.analytics.repository.SessionRepository.SessionRow.class);
    }

    @GET
    @Path("/{login}/heatmap")
    @Operation(summary = "Hour × weekday (UTC) time-weighted average viewers and hours watched")
    @APIResponse(responseCode = "200", description = "Cells with live time",
            content = @Content(schema = @Schema(implementation = ChannelAnalyticsService.Heatmap.class)))
    @APIResponse(responseCode = "404", description = "Unknown channel", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response heatmap(@PathParam("login") String login,
            @Parameter(description = FROM) @QueryParam("from") String from,
            @Parameter(description = TO) @QueryParam("to") String to,
            @Parameter(description = FORMAT) @QueryParam("format") String format) throws SQLException {
        String f = Answers.format(format);
        return Answers.of(channels.heatmap(login, Window.parse(from, to, "30d", clock)), f,
                ChannelAnalyticsService.HeatmapCell.class);
    }

    @GET
    @Path("/compare")
    @Operation(summary = "Several channels side by side: followers, clips (7 d), average clip views, VODs (30 d), "
            + "average VOD length, VOD views, schedule, teams, average viewers, hours watched, chat rate")
    @APIResponse(responseCode = "200", description = "One row per channel",
            content = @Content(schema = @Schema(implementation = CompareService.Comparison.class)))
    @APIResponse(responseCode = "404", description = "A channel is unknown", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response compare(@Parameter(description = "Channel logins, 1 to 20") @QueryParam("login") List<String> logins,
            @Parameter(description = FROM) @QueryParam("from") String from,
            @Parameter(description = TO) @QueryParam("to") String to,
            @Parameter(description = FORMAT) @QueryParam("format") String format) throws SQLException {
        String f = Answers.format(format);
        if (logins == null || logins.isEmpty() || logins.size() > 20) {
            throw ProblemException.badParameter("login", "must be given 1 to 20 times");
        }
        return Answers.of(compare.compare(logins, Window.parse(from, to, "7d", clock)), f, CompareService.Row.class);
    }

    static Granularity granularity(String value, String fallback) {
        String v = value == null || value.isBlank() ? fallback : value;
        return Granularity.parse(v).orElseThrow(() -> ProblemException.badParameter("granularity",
                "must be one of " + Granularity.labels() + ", not '" + Answers.abbreviate(v) + "'"));
    }
}
