package io.lurker.analytics.rest;

import io.lurker.analytics.service.WatchlistService;
import io.lurker.contracts.control.WatchlistChanged;
import io.lurker.tokenpool.problem.Problem;
import io.lurker.tokenpool.security.ApiRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/watchlist")
@Tag(name = "Watchlist", description = "The channels and games Lurker collects")
@SecurityRequirement(name = "SecurityScheme")
@Produces(MediaType.APPLICATION_JSON)
public class WatchlistResource {

    /** Body of POST /channels. */
    public record ChannelLogins(List<String> logins) {
    }

    /** Body of POST /games. */
    public record GameNames(List<String> names) {
    }

    private final WatchlistService watchlist;

    public WatchlistResource(WatchlistService watchlist) {
        this.watchlist = watchlist;
    }

    @GET
    @RolesAllowed({ApiRoles.READ, ApiRoles.INTERNAL})
    @Operation(summary = "The whole watchlist with its version (collectors reload it at start and on a version gap)")
    @APIResponse(responseCode = "200", description = "The watchlist",
            content = @Content(schema = @Schema(implementation = WatchlistService.Watchlist.class)))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "Role read or internal needed",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public WatchlistService.Watchlist get() throws SQLException {
        return watchlist.current();
    }

    @POST
    @Path("/channels")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(ApiRoles.ADMIN)
    @Operation(summary = "Watch channels by login (resolved through helix-gateway); publishes control.watchlist")
    @APIResponse(responseCode = "200", description = "The change (added is empty when all were watched already)",
            content = @Content(schema = @Schema(implementation = WatchlistChanged.class)))
    @APIResponse(responseCode = "400", description = "No or malformed logins", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "Role admin needed", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "422", description = "A login is unknown to Twitch (listed in 'unknown')",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "helix-gateway or the broker is unavailable",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public WatchlistChanged addChannels(ChannelLogins body) throws SQLException {
        return watchlist.addChannels(body == null ? null : body.logins());
    }

    @DELETE
    @Path("/channels/{login}")
    @RolesAllowed(ApiRoles.ADMIN)
    @Operation(summary = "Stop watching a channel; publishes control.watchlist")
    @APIResponse(responseCode = "200", description = "The change",
            content = @Content(schema = @Schema(implementation = WatchlistChanged.class)))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "Role admin needed", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "The channel is not watched", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public WatchlistChanged removeChannel(@PathParam("login") String login) throws SQLException {
        return watchlist.removeChannel(login);
    }

    @POST
    @Path("/games")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(ApiRoles.ADMIN)
    @Operation(summary = "Watch games by name (resolved through helix-gateway); publishes control.watchlist")
    @APIResponse(responseCode = "200", description = "The change",
            content = @Content(schema = @Schema(implementation = WatchlistChanged.class)))
    @APIResponse(responseCode = "400", description = "No names", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "Role admin needed", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "422", description = "A game name is unknown (listed in 'unknown')",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "helix-gateway or the broker is unavailable",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public WatchlistChanged addGames(GameNames body) throws SQLException {
        return watchlist.addGames(body == null ? null : body.names());
    }

    @DELETE
    @Path("/games/{id}")
    @RolesAllowed(ApiRoles.ADMIN)
    @Operation(summary = "Stop watching a game; publishes control.watchlist")
    @APIResponse(responseCode = "200", description = "The change",
            content = @Content(schema = @Schema(implementation = WatchlistChanged.class)))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "Role admin needed", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "The game is not watched", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public WatchlistChanged removeGame(@PathParam("id") String id) throws SQLException {
        return watchlist.removeGame(id);
    }
}
