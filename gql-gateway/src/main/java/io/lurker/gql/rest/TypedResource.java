package io.lurker.gql.rest;

import io.lurker.gql.service.TypedQueries;
import io.lurker.tokenpool.problem.Problem;
import io.lurker.tokenpool.security.ApiRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/gql")
@Tag(name = "GraphQL data", description = "What Helix does not give: VOD chapters, clip cards, richer stream metadata")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(ApiRoles.READ)
public class TypedResource {

    private final TypedQueries queries;

    public TypedResource(TypedQueries queries) {
        this.queries = queries;
    }

    @GET
    @Path("/videos/{videoId}/chapters")
    @Operation(summary = "A VOD's chapters (game segments); a VOD in one game has one chapter")
    @APIResponse(responseCode = "200", description = "Chapters", content = @Content(schema = @Schema(implementation = TypedQueries.VideoChapters.class)))
    @APIResponse(responseCode = "400", description = "Not a video id", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "401", description = "No or invalid Lurker API token", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "The token lacks the read role", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "No such video", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "502", description = "Twitch's GraphQL failed", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "GraphQL disabled", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public TypedQueries.VideoChapters chapters(@PathParam("videoId") String videoId) {
        return queries.chapters(videoId);
    }

    @GET
    @Path("/users/{login}/clips")
    @Operation(summary = "A channel's clip cards, most viewed first, in a window (LAST_DAY, LAST_WEEK, LAST_MONTH, ALL_TIME)")
    @APIResponse(responseCode = "200", description = "A page of clips; nextCursor is null on the last page",
            content = @Content(schema = @Schema(implementation = TypedQueries.ClipCardsPage.class)))
    @APIResponse(responseCode = "400", description = "Bad login, filter, limit or cursor", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "401", description = "No or invalid Lurker API token", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "The token lacks the read role", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "No such user", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "502", description = "Twitch's GraphQL failed", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "GraphQL disabled or no integrity token", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public TypedQueries.ClipCardsPage clipsOfUser(@PathParam("login") String login, @QueryParam("filter") String filter,
                                                  @QueryParam("limit") @DefaultValue("20") int limit,
                                                  @QueryParam("cursor") String cursor) {
        return queries.clipsOfUser(login, filter, limit, cursor);
    }

    @GET
    @Path("/games/{slug}/clips")
    @Operation(summary = "Top clips of a category (by slug, e.g. league-of-legends), most viewed first, optionally of some languages")
    @APIResponse(responseCode = "200", description = "A page of clips", content = @Content(schema = @Schema(implementation = TypedQueries.ClipCardsPage.class)))
    @APIResponse(responseCode = "400", description = "Bad slug, filter, limit, language or cursor", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "401", description = "No or invalid Lurker API token", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "The token lacks the read role", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "No such category", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "502", description = "Twitch's GraphQL failed", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "GraphQL disabled or no integrity token", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public TypedQueries.ClipCardsPage topClipsOfGame(@PathParam("slug") String slug, @QueryParam("filter") String filter,
                                                     @QueryParam("limit") @DefaultValue("20") int limit,
                                                     @QueryParam("cursor") String cursor,
                                                     @QueryParam("language") List<String> languages) {
        return queries.topClipsOfGame(slug, filter, limit, cursor, languages);
    }

    @GET
    @Path("/users/{login}/stream")
    @Operation(summary = "Stream metadata: live or not, stream id and start, viewers, game, last broadcast, primary team")
    @APIResponse(responseCode = "200", description = "Stream metadata", content = @Content(schema = @Schema(implementation = TypedQueries.StreamInfo.class)))
    @APIResponse(responseCode = "400", description = "Bad login", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "401", description = "No or invalid Lurker API token", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "The token lacks the read role", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "No such user", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "502", description = "Twitch's GraphQL failed", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "GraphQL disabled", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public TypedQueries.StreamInfo stream(@PathParam("login") String login) {
        return queries.streamMetadata(login);
    }
}
