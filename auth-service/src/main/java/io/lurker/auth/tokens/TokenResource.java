package io.lurker.auth.tokens;

import io.lurker.tokenpool.model.BucketKey;
import io.lurker.tokenpool.problem.ProblemException;
import io.lurker.tokenpool.security.ApiRoles;
import io.lurker.tokenpool.service.ReencryptionReport;
import io.lurker.tokenpool.service.TokenPoolAdmin;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Pooled Twitch tokens and buckets: listings without token material, and every lifecycle action on demand. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "tokens")
@SecurityRequirement(name = "SecurityScheme")
@RolesAllowed(ApiRoles.ADMIN)
public class TokenResource {

    /** Body of a user token addition. {@code toString} redacts the refresh token. */
    public record UserTokenRequest(String clientId, String refreshToken) {
        @Override
        public String toString() {
            return "UserTokenRequest[clientId=" + clientId + ", refreshToken=<redacted>]";
        }
    }

    public record DeviceRequest(String clientId, Set<String> scopes) {
    }

    public record LimitRequest(Integer limit) {
    }

    private final TokenService tokens;
    private final TokenLifecycle lifecycle;
    private final DeviceFlowService devices;
    private final TokenPoolAdmin pool;
    private final PoolMetrics metrics;

    @Inject
    public TokenResource(TokenService tokens, TokenLifecycle lifecycle, DeviceFlowService devices, TokenPoolAdmin pool, PoolMetrics metrics) {
        this.tokens = tokens;
        this.lifecycle = lifecycle;
        this.devices = devices;
        this.pool = pool;
        this.metrics = metrics;
    }

    @GET
    @Path("/tokens")
    @Operation(summary = "Pooled tokens: kind, client, user, scopes, expiry, state, bucket; never the token")
    public Uni<List<Views.Token>> list() {
        return pool.tokens().map(all -> all.stream().map(Views.Token::of).toList());
    }

    @GET
    @Path("/tokens/{id}")
    @Operation(summary = "One pooled token, without material")
    public Uni<Views.Token> get(@PathParam("id") String id) {
        return pool.token(tokenId(id)).map(found -> Views.Token.of(found.orElseThrow(() -> ProblemException.notFound("No token " + id))));
    }

    @POST
    @Path("/tokens/user")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a user token from a refresh token of a registered client",
            description = "Refreshes it once and validates the result to learn the user. 422 with Twitch's reason if refused.")
    public Uni<Response> addUser(UserTokenRequest request) {
        if (request == null) {
            throw ProblemException.badParameter("body", "must be {\"clientId\",\"refreshToken\"}");
        }
        return tokens.addUserToken(request.clientId(), request.refreshToken())
                .call(metrics::refresh)
                .map(view -> Response.status(201).entity(Views.Token.of(view)).build());
    }

    @POST
    @Path("/tokens/device")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a device-code flow",
            description = "Answers the user code and verification URI to open; auth-service polls Twitch and pools the user token once approved.")
    public Uni<Response> startDevice(DeviceRequest request) {
        if (request == null) {
            throw ProblemException.badParameter("body", "must be {\"clientId\",\"scopes\"}");
        }
        if (request.scopes() != null && request.scopes().stream().anyMatch(s -> s == null || s.isBlank())) {
            throw ProblemException.badParameter("scopes", "must be scope names, e.g. [\"chat:read\"]");
        }
        return devices.start(request.clientId(), request.scopes() == null ? Set.of() : request.scopes())
                .map(flow -> Response.status(202).entity(flow).build());
    }

    @GET
    @Path("/tokens/device/{flowId}")
    @Operation(summary = "State of a device-code flow: pending, approved (with the token id), expired or failed")
    public DeviceFlowService.DeviceFlow device(@PathParam("flowId") String flowId) {
        return devices.flow(flowId).orElseThrow(() -> ProblemException.notFound("No device flow " + flowId));
    }

    @POST
    @Path("/tokens/{id}/refresh")
    @Operation(summary = "Renew a token now (user: refresh grant, rotated refresh token stored; app: minted again)")
    public Uni<Views.Token> refresh(@PathParam("id") String id) {
        return tokens.renew(tokenId(id)).call(metrics::refresh).map(Views.Token::of);
    }

    @POST
    @Path("/tokens/{id}/validate")
    @Operation(summary = "Validate a token against Twitch now; marks it invalid if Twitch refuses it")
    public Uni<Map<String, String>> validate(@PathParam("id") String id) {
        return tokens.validate(tokenId(id)).call(metrics::refresh).map(state -> Map.of("id", id, "state", state.name().toLowerCase()));
    }

    @DELETE
    @Path("/tokens/{id}")
    @Operation(summary = "Revoke a token at Twitch and remove it from the pool")
    public Uni<Response> revoke(@PathParam("id") String id) {
        return tokens.revoke(tokenId(id)).call(metrics::refresh).map(found -> {
            if (!found) {
                throw ProblemException.notFound("No token " + id);
            }
            return Response.noContent().build();
        });
    }

    @POST
    @Path("/tokens/lifecycle")
    @Operation(summary = "Run a lifecycle pass now (validate with validate=true, renew, mint)")
    public Uni<TokenLifecycle.Pass> runLifecycle(@QueryParam("validate") boolean validate) {
        return lifecycle.run(validate);
    }

    @GET
    @Path("/buckets")
    @Operation(summary = "Rate-limit buckets: limit, points left, blocked-until, counters")
    public Uni<List<Views.Bucket>> buckets() {
        return pool.buckets().map(all -> all.stream().map(Views.Bucket::of).toList());
    }

    @PUT
    @Path("/buckets/{bucket}/limit")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a bucket's points per minute (app:<client_id> or user:<client_id>:<user_id>)")
    public Uni<Views.Bucket> limit(@PathParam("bucket") String bucket, LimitRequest request) {
        BucketKey key;
        try {
            key = BucketKey.parse(bucket);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badParameter("bucket", "must read app:<client_id> or user:<client_id>:<user_id>");
        }
        if (request == null || request.limit() == null || request.limit() < 1 || request.limit() > TokenPoolAdmin.MAX_LIMIT) {
            throw ProblemException.badParameter("limit", "must be 1 to " + TokenPoolAdmin.MAX_LIMIT);
        }
        return pool.configureBucketLimit(key, request.limit()).call(metrics::refresh).map(Views.Bucket::of);
    }

    @POST
    @Path("/encryption/reencrypt")
    @Operation(summary = "Re-encrypt every stored secret under the active key (step 3 of a key rotation)")
    public Uni<ReencryptionReport> reencrypt() {
        return pool.reencrypt();
    }

    private static String tokenId(String id) {
        try {
            return BucketKey.checkId("token id", id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badParameter("id", "is not a token id");
        }
    }
}
