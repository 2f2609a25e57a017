package io.lurker.integrity.rest;

import io.lurker.integrity.browser.CapturedToken;
import io.lurker.integrity.service.IntegrityService;
import io.lurker.tokenpool.problem.Problem;
import io.lurker.tokenpool.security.ApiRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/integrity")
@Tag(name = "Integrity", description = "Client-Integrity tokens captured by a real browser, for gql-gateway")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
public class IntegrityResource {

    private final IntegrityService service;

    public IntegrityResource(IntegrityService service) {
        this.service = service;
    }

    /** What a caller needs to send a guarded GraphQL operation: all four values belong together. */
    public record TokenView(String token, String deviceId, String clientId, String userAgent, Instant expiresAt,
                            Instant capturedAt) {
    }

    public record RefreshView(boolean started, IntegrityService.Status status) {
    }

    @GET
    @Path("/token")
    @RolesAllowed(ApiRoles.INTERNAL)
    @Operation(summary = "The current integrity token with the device id, client id and user agent it is bound to")
    @APIResponse(responseCode = "200", description = "A valid token",
            content = @Content(schema = @Schema(implementation = TokenView.class), examples = @ExampleObject(name = "token",
                    value = "{\"token\":\"v4.public.eyJ...\",\"deviceId\":\"3f1c...\",\"clientId\":\"lurker-emulator-web-client\","
                            + "\"userAgent\":\"Mozilla/5.0 ... Chrome/156.0.0.0 Safari/537.36\",\"expiresAt\":\"2025-03-14T19:00:00Z\","
                            + "\"capturedAt\":\"2025-03-14T18:00:03Z\"}")))
    @APIResponse(responseCode = "401", description = "No or invalid Lurker API token", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "The token lacks the internal role", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "No valid token (disabled, capture failed or in progress); detail says why",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public TokenView token() {
        CapturedToken t = service.currentToken();
        return new TokenView(t.token(), t.deviceId(), t.clientId(), t.userAgent(), t.expiresAt(), t.capturedAt());
    }

    @POST
    @Path("/refresh")
    @RolesAllowed({ApiRoles.INTERNAL, ApiRoles.ADMIN})
    @Operation(summary = "Drop the current token and capture a new one (a token was refused somewhere)")
    @APIResponse(responseCode = "202", description = "A capture started, or one was already running (started=false)",
            content = @Content(schema = @Schema(implementation = RefreshView.class)))
    @APIResponse(responseCode = "401", description = "No or invalid Lurker API token", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "The token lacks the internal or admin role", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "Disabled", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response refresh() {
        boolean started = service.forceRefresh();
        return Response.accepted(new RefreshView(started, service.status())).build();
    }

    @GET
    @Path("/status")
    @RolesAllowed({ApiRoles.INTERNAL, ApiRoles.ADMIN})
    @Operation(summary = "Whether a token is held, its age and expiry, the last failure and capture counts (no token material)")
    @APIResponse(responseCode = "200", description = "Status", content = @Content(schema = @Schema(implementation = IntegrityService.Status.class)))
    @APIResponse(responseCode = "401", description = "No or invalid Lurker API token", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "The token lacks the internal or admin role", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public IntegrityService.Status status() {
        return service.status();
    }
}
