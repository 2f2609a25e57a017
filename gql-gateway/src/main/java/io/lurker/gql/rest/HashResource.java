package io.lurker.gql.rest;

import io.lurker.gql.config.GqlConfig;
import io.lurker.gql.repository.HashRegistry;
import io.lurker.gql.service.GqlExecutor;
import io.lurker.gql.service.HashDiscovery;
import io.lurker.tokenpool.problem.Problem;
import io.lurker.tokenpool.problem.ProblemException;
import io.lurker.tokenpool.security.ApiRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/gql/hashes")
@Tag(name = "Hash registry", description = "Persisted-query hashes in use; rediscovered from the site when Twitch rotates them")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(ApiRoles.ADMIN)
public class HashResource {

    private final HashRegistry registry;
    private final HashDiscovery discovery;
    private final GqlExecutor gql;
    private final GqlConfig config;

    public HashResource(HashRegistry registry, HashDiscovery discovery, GqlExecutor gql, GqlConfig config) {
        this.registry = registry;
        this.discovery = discovery;
        this.gql = gql;
        this.config = config;
    }

    public record HashUpdate(String sha256Hash) {
    }

    @GET
    @Operation(summary = "Every operation's hash, where it came from (config, discovered, admin) and when")
    @APIResponse(responseCode = "200", description = "The registry")
    @APIResponse(responseCode = "401", description = "No or invalid Lurker API token", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "The token lacks the admin role", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "GraphQL disabled", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Map<String, HashRegistry.Entry> all() {
        gql.requireEnabled();
        return registry.all();
    }

    @PUT
    @Path("/{operation}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set an operation's hash by hand")
    @APIResponse(responseCode = "200", description = "The registry")
    @APIResponse(responseCode = "400", description = "Unknown operation or not a SHA-256 hex", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "401", description = "No or invalid Lurker API token", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "The token lacks the admin role", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "GraphQL disabled", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Map<String, HashRegistry.Entry> set(@PathParam("operation") String operation, HashUpdate update) {
        gql.requireEnabled();
        if (!config.operations().containsKey(operation)) {
            throw ProblemException.badParameter("operation", "'" + operation + "' is not a known operation");
        }
        if (update == null || update.sha256Hash() == null || !update.sha256Hash().matches("[0-9a-f]{64}")) {
            throw ProblemException.badParameter("sha256Hash", "must be 64 lower-case hex digits");
        }
        registry.set(operation, update.sha256Hash(), "admin");
        return registry.all();
    }

    @POST
    @Path("/rediscover")
    @Operation(summary = "Read the site's script bundles now and store the hashes found")
    @APIResponse(responseCode = "200", description = "{found, registry}")
    @APIResponse(responseCode = "401", description = "No or invalid Lurker API token", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "The token lacks the admin role", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "502", description = "The site could not be read", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "GraphQL disabled", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Map<String, Object> rediscover() {
        gql.requireEnabled();
        Map<String, String> found = discovery.rediscover();
        return Map.of("found", found, "registry", registry.all());
    }
}
