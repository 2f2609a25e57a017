package io.lurker.auth.credentials;

import io.lurker.auth.tokens.PoolMetrics;
import io.lurker.auth.tokens.TokenService;
import io.lurker.auth.tokens.Views;
import io.lurker.tokenpool.problem.ProblemException;
import io.lurker.tokenpool.security.ApiRoles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Twitch client credentials (client id + secret). Listings never include secrets. */
@Path("/api/v1/credentials")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "credentials")
@SecurityRequirement(name = "SecurityScheme")
@RolesAllowed(ApiRoles.ADMIN)
public class CredentialResource {

    /** Body of a registration. {@code toString} redacts the secret. */
    public record CredentialRequest(String clientId, String clientSecret) {
        @Override
        public String toString() {
            return "CredentialRequest[clientId=" + clientId + ", clientSecret=<redacted>]";
        }
    }

    private final TokenService tokens;
    private final PoolMetrics metrics;

    @Inject
    public CredentialResource(TokenService tokens, PoolMetrics metrics) {
        this.tokens = tokens;
        this.metrics = metrics;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register or replace a credential",
            description = "Twitch must accept it: an app token is minted with it and pooled. 400 malformed, 422 refused by Twitch (with its reason), 503 Redis down.")
    public Uni<Response> register(CredentialRequest request) {
        if (request == null) {
            throw ProblemException.badParameter("body", "must be {\"clientId\",\"clientSecret\"}");
        }
        return tokens.registerCredential(request.clientId(), request.clientSecret())
                .call(metrics::refresh)
                .map(view -> Response.status(201)
                        .entity(new Views.RegisteredCredential(view.clientId(), view.id(), view.expiresAt().orElse(null))).build());
    }

    @GET
    @Operation(summary = "Registered credentials, without secrets")
    public Uni<List<Views.Credential>> list() {
        return tokens.credentials().map(all -> all.stream().map(Views.Credential::of).toList());
    }

    @DELETE
    @Path("/{clientId}")
    @Operation(summary = "Forget a credential with its tokens and buckets")
    public Uni<Response> delete(@PathParam("clientId") String clientId) {
        return tokens.deleteCredential(clientId)
                .call(metrics::refresh)
                .map(deleted -> {
                    if (!deleted) {
                        throw ProblemException.notFound("No credential for client id " + clientId);
                    }
                    return Response.noContent().build();
                });
    }
}
