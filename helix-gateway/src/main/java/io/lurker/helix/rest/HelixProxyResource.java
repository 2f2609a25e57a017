package io.lurker.helix.rest;

import io.lurker.helix.service.HelixProxy;
import io.lurker.tokenpool.problem.ProblemException;
import io.lurker.tokenpool.security.ApiRoles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The Helix-compatible proxy: {@code GET /helix/<endpoint>?<query>} answered with Twitch's
 * status, body and pagination, using a leased token. Clients send a Lurker API token (role
 * read) as their bearer token; the {@code Client-Id} they send is ignored.
 */
@Path("/helix")
@Tag(name = "Helix proxy", description = "Twitch Helix through the shared token pool")
@SecurityRequirement(name = "jwt")
public class HelixProxyResource {

    private final HelixProxy proxy;

    public HelixProxyResource(HelixProxy proxy) {
        this.proxy = proxy;
    }

    @GET
    @Path("/{path: .+}")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(ApiRoles.READ)
    @Operation(summary = "Any Helix GET, e.g. /helix/streams?game_id=21779&first=100; Twitch's answer unchanged")
    @APIResponse(responseCode = "200", description = "Twitch's answer; X-Lurker-Cache: hit|miss when the endpoint is cached")
    @APIResponse(responseCode = "400", description = "Refused locally (no rate-limit point spent) or by Twitch, Twitch's error shape")
    @APIResponse(responseCode = "401", description = "No or invalid Lurker API token (problem+json)")
    @APIResponse(responseCode = "403", description = "The token lacks role read (problem+json)")
    @APIResponse(responseCode = "429", description = "No rate-limit point within the deadline")
    @APIResponse(responseCode = "503", description = "Twitch failing: the endpoint's circuit breaker is open")
    public Uni<Response> get(@PathParam("path") @Parameter(description = "Helix endpoint path, e.g. streams or channels/followers") String path,
                             @Context UriInfo uri) {
        if (path.contains("..")) {
            throw ProblemException.badParameter("path", "not a Helix endpoint");
        }
        return proxy.get(path, uri.getRequestUri().getRawQuery()).map(p -> {
            Response.ResponseBuilder response = Response.status(p.status()).entity(p.body().getBytes());
            p.headers().forEach(h -> response.header(h.getKey(), h.getValue()));
            if (p.cache() != null) {
                response.header("X-Lurker-Cache", p.cache());
            }
            return response.build();
        });
    }
}
