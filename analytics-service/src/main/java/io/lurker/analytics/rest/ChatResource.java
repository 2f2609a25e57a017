package io.lurker.analytics.rest;

import static io.lurker.analytics.rest.ChannelResource.FORMAT;
import static io.lurker.analytics.rest.ChannelResource.FROM;
import static io.lurker.analytics.rest.ChannelResource.TO;

import io.lurker.analytics.repository.ChatAnalyticsRepository;
import io.lurker.analytics.repository.ChatErasureRepository;
import io.lurker.analytics.service.ChatAnalyticsService;
import io.lurker.analytics.service.ChatErasureService;
import io.lurker.analytics.service.Window;
import io.lurker.tokenpool.problem.Problem;
import io.lurker.tokenpool.problem.ProblemException;
import io.lurker.tokenpool.security.ApiRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
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

@Path("/api/v1/chat")
@Tag(name = "Chat", description = "Chat activity, emotes, chatters, logs, search, highlights; erasure")
@SecurityRequirement(name = "SecurityScheme")
@Produces({MediaType.APPLICATION_JSON, Answers.CSV})
@APIResponse(responseCode = "400", description = "A parameter is invalid (named in 'parameter')",
        content = @Content(mediaType = Problem.MEDIA_TYPE))
@APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE))
@APIResponse(responseCode = "403", description = "Role read needed (admin for erasure)",
        content = @Content(mediaType = Problem.MEDIA_TYPE))
@APIResponse(responseCode = "404", description = "Unknown channel or user", content = @Content(mediaType = Problem.MEDIA_TYPE))
public class ChatResource {

    private final ChatAnalyticsService chat;
    private final ChatErasureService erasure;
    private final Clock clock;

    public ChatResource(ChatAnalyticsService chat, ChatErasureService erasure, Clock clock) {
        this.chat = chat;
        this.erasure = erasure;
        this.clock = clock;
    }

    @GET
    @Path("/{login}/activity")
    @RolesAllowed(ApiRoles.READ)
    @Operation(summary = "Chat by hour: messages, unique chatters, subscriber messages, bits")
    @APIResponse(responseCode = "200", description = "Hours with chat",
            content = @Content(schema = @Schema(implementation = ChatAnalyticsService.Activity.class)))
    public Response activity(@PathParam("login") String login,
            @Parameter(description = FROM) @QueryParam("from") String from,
            @Parameter(description = TO) @QueryParam("to") String to,
            @Parameter(description = FORMAT) @QueryParam("format") String format) throws SQLException {
        String f = Answers.format(format);
        return Answers.of(chat.activity(login, Window.parse(from, to, "7d", clock)), f, ChatAnalyticsService.HourRow.class);
    }

    @GET
    @Path("/{login}/metrics")
    @RolesAllowed(ApiRoles.READ)
    @Operation(summary = "Messages, messages per minute, unique chatters, messages per chatter and emote density per bucket")
    @APIResponse(responseCode = "200", description = "The series",
            content = @Content(schema = @Schema(implementation = ChatAnalyticsService.Metrics.class)))
    public Response metrics(@PathParam("login") String login,
            @Parameter(description = FROM) @QueryParam("from") String from,
            @Parameter(description = TO) @QueryParam("to") String to,
            @Parameter(description = "1m, 5m, 15m, 1h or 1d (default 1m)") @QueryParam("granularity") String granularity,
            @Parameter(description = FORMAT) @QueryParam("format") String format) throws SQLException {
        String f = Answers.format(format);
        return Answers.of(chat.metrics(login, Window.parse(from, to, "today", clock),
                ChannelResource.granularity(granularity, "1m")), f, ChatAnalyticsService.MetricPoint.class);
    }

    @GET
    @Path("/{login}/emotes")
    @RolesAllowed(ApiRoles.READ)
    @Operation(summary = "Emote ranking (Twitch, BTTV, FFZ, 7TV): uses, messages, unique users, share")
    @APIResponse(responseCode = "200", description = "Emotes by uses",
            content = @Content(schema = @Schema(implementation = ChatAnalyticsService.Emotes.class)))
    public Response emotes(@PathParam("login") String login,
            @Parameter(description = "twitch, bttv, ffz or 7tv (default all)") @QueryParam("provider") String provider,
            @Parameter(description = FROM) @QueryParam("from") String from,
            @Parameter(description = TO) @QueryParam("to") String to,
            @Parameter(description = "1 to 500 (default 50)") @QueryParam("limit") String limit,
            @Parameter(description = FORMAT) @QueryParam("format") String format) throws SQLException {
        String f = Answers.format(format);
        return Answers.of(chat.emotes(login, provider, Window.parse(from, to, "7d", clock),
                Ints.parse("limit", limit, 50, 1, 500)), f, ChatAnalyticsRepository.Emote.class);
    }

    @GET
    @Path("/{login}/chatters")
    @RolesAllowed(ApiRoles.READ)
    @Operation(summary = "Top chatters by messages, with their active minutes")
    @APIResponse(responseCode = "200", description = "Chatters by messages",
            content = @Content(schema = @Schema(implementation = ChatAnalyticsService.Chatters.class)))
    public Response chatters(@PathParam("login") String login,
            @Parameter(description = FROM) @QueryParam("from") String from,
            @Parameter(description = TO) @QueryParam("to") String to,
            @Parameter(description = "1 to 500 (default 50)") @QueryParam("limit") String limit,
            @Parameter(description = FORMAT) @QueryParam("format") String format) throws SQLException {
        String f = Answers.format(format);
        return Answers.of(chat.chatters(login, Window.parse(from, to, "7d", clock),
                Ints.parse("limit", limit, 50, 1, 500)), f, ChatAnalyticsRepository.Chatter.class);
    }

    @GET
    @Path("/{login}/logs")
    @RolesAllowed(ApiRoles.READ)
    @Operation(summary = "Chat lines of a UTC day, optionally of one user (id or login); page with 'after' = previous 'next'")
    @APIResponse(responseCode = "200", description = "Lines in time order",
            content = @Content(schema = @Schema(implementation = ChatAnalyticsService.Lines.class)))
    public Response logs(@PathParam("login") String login,
            @Parameter(description = "UTC day, e.g. 2026-03-01", required = true) @QueryParam("date") String date,
            @Parameter(description = "user id or login") @QueryParam("user") String user,
            @Parameter(description = "continue after this time") @QueryParam("after") String after,
            @Parameter(description = "1 to 5000 (default 1000)") @QueryParam("limit") String limit,
            @Parameter(description = FORMAT) @QueryParam("format") String format) throws SQLException {
        String f = Answers.format(format);
        return Answers.of(chat.logs(login, date, user, after, Ints.parse("limit", limit, 1000, 1, 5000)), f,
                ChatAnalyticsRepository.Line.class);
    }

    @GET
    @Path("/{login}/search")
    @RolesAllowed(ApiRoles.READ)
    @Operation(summary = "Full-text search of a channel's chat within a window (at most 31 days)")
    @APIResponse(responseCode = "200", description = "Matching lines, newest first",
            content = @Content(schema = @Schema(implementation = ChatAnalyticsService.Lines.class)))
    public Response search(@PathParam("login") String login,
            @Parameter(description = "words to find", required = true) @QueryParam("q") String query,
            @Parameter(description = FROM) @QueryParam("from") String from,
            @Parameter(description = TO) @QueryParam("to") String to,
            @Parameter(description = "1 to 500 (default 100)") @QueryParam("limit") String limit,
            @Parameter(description = FORMAT) @QueryParam("format") String format) throws SQLException {
        String f = Answers.format(format);
        return Answers.of(chat.search(login, query, Window.parse(from, to, "today", clock),
                Ints.parse("limit", limit, 100, 1, 500)), f, ChatAnalyticsRepository.Line.class);
    }

    @GET
    @Path("/{login}/highlights")
    @RolesAllowed(ApiRoles.READ)
    @Operation(summary = "Chat-rate spikes against a rolling baseline with start, peak, end, top emotes, clips and VOD offset")
    @APIResponse(responseCode = "200", description = "Highlights by score",
            content = @Content(schema = @Schema(implementation = ChatAnalyticsService.Highlights.class)))
    public Response highlights(@PathParam("login") String login,
            @Parameter(description = FROM) @QueryParam("from") String from,
            @Parameter(description = TO) @QueryParam("to") String to,
            @Parameter(description = "zscore (default) or ratio (× the baseline median)") @QueryParam("method") String method,
            @Parameter(description = "z-score or ratio threshold (default 3)") @QueryParam("threshold") String threshold,
            @Parameter(description = "baseline minutes, 3 to 120 (default 10)") @QueryParam("baseline") String baseline,
            @Parameter(description = "least messages in a spike minute (default 5)") @QueryParam("minMessages") String minMessages,
            @Parameter(description = "1 to 100 (default 20)") @QueryParam("limit") String limit,
            @Parameter(description = FORMAT) @QueryParam("format") String format) throws SQLException {
        String f = Answers.format(format);
        Double t;
        try {
            t = threshold == null || threshold.isBlank() ? null : Double.valueOf(threshold);
        } catch (NumberFormatException e) {
            throw ProblemException.badParameter("threshold", "must be a number");
        }
        return Answers.of(chat.highlights(login, Window.parse(from, to, "today", clock), method, t,
                Ints.parse("baseline", baseline, 10, 3, 120), Ints.parse("minMessages", minMessages, 5, 0, 1_000_000),
                Ints.parse("limit", limit, 20, 1, 100)), f, ChatAnalyticsService.HighlightRow.class);
    }

    @DELETE
    @Path("/users/{user_id}")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(ApiRoles.ADMIN)
    @Operation(summary = "Erase a user's chat from raw messages, events and every rollup (privacy request)")
    @APIResponse(responseCode = "200", description = "What was erased",
            content = @Content(schema = @Schema(implementation = ChatErasureRepository.Erased.class)))
    public ChatErasureRepository.Erased erase(@PathParam("user_id") String userId) throws SQLException {
        return erasure.erase(userId);
    }
}
