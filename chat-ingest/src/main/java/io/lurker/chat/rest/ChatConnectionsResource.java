package io.lurker.chat.rest;

import io.lurker.chat.connection.ChatIngestService;
import io.lurker.tokenpool.security.ApiRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What this replica reads: watchlist, leased channels, confirmed and pending JOINs, connections. */
@Path("/api/v1/chat/connections")
@Tag(name = "Chat", description = "Parse raw IRC chat lines and import chat logs")
@SecurityRequirement(name = "bearer")
public class ChatConnectionsResource {

    private final ChatIngestService service;

    public ChatConnectionsResource(ChatIngestService service) {
        this.service = service;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(ApiRoles.READ)
    @Operation(summary = "IRC state of this replica",
            description = "{enabled, replica, watchlist[], leased[], wanted, confirmed[], pending[], connections[{slot, connected, channels, draining}]}")
    @APIResponse(responseCode = "200", description = "State")
    @APIResponse(responseCode = "401", description = "No or invalid token")
    @APIResponse(responseCode = "403", description = "Token without role read")
    public Map<String, Object> status() {
        return service.status();
    }
}
