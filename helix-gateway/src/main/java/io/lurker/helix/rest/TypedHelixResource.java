package io.lurker.helix.rest;

import io.lurker.helix.service.HelixQueries;
import io.lurker.helix.service.HelixViews.ChannelProfile;
import io.lurker.helix.service.HelixViews.ClipRange;
import io.lurker.helix.service.HelixViews.Data;
import io.lurker.helix.service.HelixViews.TopGames;
import io.lurker.helix.service.HelixViews.Vods;
import io.lurker.tokenpool.problem.Problem;
import io.lurker.tokenpool.problem.ProblemException;
import io.lurker.tokenpool.security.ApiRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
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

/** Typed Helix reads: batched, paged to the end, windowed, summed. */
@Path("/api/v1/helix")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Typed Helix", description = "Helix reads made whole: batching, paging, clip windows, sums")
@SecurityRequirement(name = "jwt")
@RolesAllowed({ApiRoles.READ, ApiRoles.INTERNAL})
@APIResponse(responseCode = "401", description = "No or invalid Lurker API token",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The token lacks role read or internal",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "503", description = "Twitch cannot be asked now (its rate limit used up, unavailable, no token "
        + "accepted); Retry-After says when to come back",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "504", description = "A Twitch call did not finish within its deadline (lurker.helix.deadline)",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "502", description = "Twitch failed",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
public class TypedHelixResource {

    private final HelixQueries queries;

    public TypedHelixResource(HelixQueries queries) {
        this.queries = queries;
    }

    @GET
    @Path("/users")
    @Operation(summary = "Users by login and/or id (any number; 100 per Helix call)")
    @APIResponse(responseCode = "200", description = "Helix user rows, each once",
            content = @Content(schema = @Schema(implementation = Data.class), examples = @ExampleObject(name = "users",
                    value = "{\"data\":[{\"id\":\"1001\",\"login\":\"silentshark\",\"display_name\":\"SilentShark\"}]}")))
    @APIResponse(responseCode = "400", description = "A login or id is malformed, or none given",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public Data users(@QueryParam("login") List<String> logins, @QueryParam("id") List<String> ids) {
        if (logins.isEmpty() && ids.isEmpty()) {
            throw ProblemException.badParameter("login", "give at least one login or id");
        }
        return new Data(queries.users(logins, ids));
    }

    @GET
    @Path("/games")
    @Operation(summary = "Games by exact name and/or id (100 per Helix call)")
    @APIResponse(responseCode = "200", description = "Helix game rows",
            content = @Content(schema = @Schema(implementation = Data.class), examples = @ExampleObject(name = "games",
                    value = "{\"data\":[{\"id\":\"21779\",\"name\":\"League of Legends\",\"box_art_url\":\"https://static-cdn.jtvnw.net/ttv-boxart/21779-{width}x{height}.jpg\",\"igdb_id\":\"115\"}]}")))
    @APIResponse(responseCode = "400", description = "No name or id, or a malformed id",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public Data games(@QueryParam("name") List<String> names, @QueryParam("id") List<String> ids) {
        if (names.isEmpty() && ids.isEmpty()) {
            throw ProblemException.badParameter("name", "give at least one name or id");
        }
        return new Data(queries.games(names, ids));
    }

    @GET
    @Path("/streams")
    @Operation(summary = "Live streams, optionally of a game and language, most viewers first (paged to 'first')")
    @APIResponse(responseCode = "200", description = "Helix stream rows sorted by viewer_count desc",
            content = @Content(schema = @Schema(implementation = Data.class), examples = @ExampleObject(name = "streams",
                    value = "{\"data\":[{\"id\":\"4001\",\"user_id\":\"1001\",\"user_login\":\"silentshark\",\"game_id\":\"21779\",\"viewer_count\":286}]}")))
    @APIResponse(responseCode = "400", description = "Malformed game_id, language or first",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public Data streams(@QueryParam("game_id") String gameId, @QueryParam("language") String language,
                        @QueryParam("first") @DefaultValue("100") @Parameter(description = "1-10000") int first) {
        return new Data(queries.streams(Optional.ofNullable(gameId), Optional.ofNullable(language), first));
    }

    @GET
    @Path("/games/top")
    @Operation(summary = "Top games with stream counts and viewer sums over all their live streams")
    @APIResponse(responseCode = "200", description = "Games in Twitch's ranking",
            content = @Content(schema = @Schema(implementation = TopGames.class), examples = @ExampleObject(name = "top",
                    value = "{\"sampledAt\":\"2025-03-14T18:00:00Z\",\"data\":[{\"rank\":1,\"id\":\"509658\",\"name\":\"Just Chatting\",\"boxArtUrl\":\"...\",\"igdbId\":\"\",\"streams\":412,\"viewers\":90211}]}")))
    @APIResponse(responseCode = "400", description = "first out of 1-500",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public TopGames topGames(@QueryParam("first") @DefaultValue("20") int first) {
        Instant at = Instant.now();
        return new TopGames(at, queries.topGames(first));
    }

    @GET
    @Path("/channels/{login}")
    @Operation(summary = "A channel's profile: user, channel (title, game, tags), followers total, teams, schedule, live stream")
    @APIResponse(responseCode = "200", description = "The profile; schedule is [] when the channel has none",
            content = @Content(schema = @Schema(implementation = ChannelProfile.class)))
    @APIResponse(responseCode = "404", description = "No such login",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public ChannelProfile channel(@PathParam("login") String login) {
        return queries.channelProfile(login).orElseThrow(() -> ProblemException.notFound("No Twitch channel '" + login + "'"));
    }

    @GET
    @Path("/clips")
    @Operation(summary = "Every clip of a broadcaster or game in [started_at, ended_at), however many; most viewed first")
    @APIResponse(responseCode = "200", description = "Clips, deduplicated, windows used and whether a minimal window still hit the cap",
            content = @Content(schema = @Schema(implementation = ClipRange.class)))
    @APIResponse(responseCode = "400", description = "Not exactly one of broadcaster_id/game_id, bad times or min_views",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public ClipRange clips(@QueryParam("broadcaster_id") String broadcasterId, @QueryParam("game_id") String gameId,
                           @QueryParam("started_at") @Parameter(description = "RFC 3339", required = true) String startedAt,
                           @QueryParam("ended_at") @Parameter(description = "RFC 3339, default now") String endedAt,
                           @QueryParam("min_views") @DefaultValue("0") long minViews) {
        if (startedAt == null) {
            throw ProblemException.badParameter("started_at", "required (RFC 3339)");
        }
        Instant from = time("started_at", startedAt);
        Instant to = endedAt == null ? Instant.now() : time("ended_at", endedAt);
        if (Duration.between(from, to).compareTo(Duration.ofDays(366)) > 0) {
            throw ProblemException.badParameter("started_at", "a range is at most 366 days");
        }
        return queries.clips(Optional.ofNullable(broadcasterId), Optional.ofNullable(gameId), from, to, minViews);
    }

    @GET
    @Path("/videos")
    @Operation(summary = "A user's videos (newest first) with duration in seconds and the muted summary")
    @APIResponse(responseCode = "200", description = "Videos", content = @Content(schema = @Schema(implementation = Vods.class)))
    @APIResponse(responseCode = "400", description = "Bad user_id, type, since or first",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public Vods videos(@QueryParam("user_id") String userId, @QueryParam("type") @DefaultValue("archive") String type,
                       @QueryParam("since") @Parameter(description = "RFC 3339; only videos created since") String since,
                       @QueryParam("first") @DefaultValue("100") int first) {
        if (userId == null) {
            throw ProblemException.badParameter("user_id", "required");
        }
        if (first < 1 || first > 1000) {
            throw ProblemException.badParameter("first", "must be 1-1000");
        }
        var vods = queries.videos(userId, type, Optional.ofNullable(since).map(s -> time("since", s)), first);
        return new Vods(userId, vods.size(), vods);
    }

    static Instant time(String parameter, String value) {
        try {
            return java.time.OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.badParameter(parameter, "'" + (value.length() > 40 ? value.substring(0, 40) : value)
                    + "' is not an RFC 3339 time");
        }
    }
}
