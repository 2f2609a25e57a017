package io.lurker.emulator.rest;

import io.lurker.emulator.auth.AccessToken;
import io.lurker.emulator.auth.AuthStore;
import io.lurker.emulator.auth.UserAccount;
import io.lurker.emulator.ratelimit.RateLimiter;
import io.lurker.emulator.world.Channel;
import io.lurker.emulator.world.World;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Test-only control of the emulated id.twitch.tv. It hands out the credentials it creates
 * (refresh and access tokens of emulated users) because tests need them; they grant nothing
 * beyond this emulator.
 */
@Path("/emulator")
@Tag(name = "Auth", description = "Clients, users, tokens and device codes of the emulated id.twitch.tv")
@Produces(MediaType.APPLICATION_JSON)
public class AuthAdminResource {

    private final AuthStore auth;
    private final World world;
    private final RateLimiter rateLimiter;

    public AuthAdminResource(AuthStore auth, World world, RateLimiter rateLimiter) {
        this.auth = auth;
        this.world = world;
        this.rateLimiter = rateLimiter;
    }

    public record ClientRequest(String clientId, String clientSecret, Integer pointsPerMinute) {
    }

    public record UserRequest(String userId, String login, String clientId, List<String> scopes, String refreshToken) {
    }

    public record TokenRequest(String token) {
    }

    public record DeviceApproval(String userCode, String userId, String login) {
    }

    public record AuthSettings(Boolean rotateRefreshTokens) {
    }

    @GET
    @Path("/clients")
    @Operation(summary = "Registered client ids (never their secrets)")
    @APIResponse(responseCode = "200", description = "Client ids")
    @APIResponse(responseCode = "401", description = "Admin key missing or wrong")
    public Map<String, Object> clients() {
        return Map.of("client_ids", auth.clientIds());
    }

    @POST
    @Path("/clients")
    @Operation(summary = "Register an application (client id and secret), optionally with its app bucket's points per minute")
    @APIResponse(responseCode = "200", description = "Registered")
    @APIResponse(responseCode = "400", description = "Missing id or secret")
    @APIResponse(responseCode = "401", description = "Admin key missing or wrong")
    public Map<String, Object> addClient(ClientRequest request) {
        if (request == null) {
            throw new IllegalArgumentException("give client_id and client_secret");
        }
        auth.registerClient(request.clientId(), request.clientSecret());
        if (request.pointsPerMinute() != null) {
            rateLimiter.setLimit("app:" + request.clientId(), request.pointsPerMinute());
        }
        return Map.of("client_id", request.clientId());
    }

    @POST
    @Path("/users")
    @Operation(summary = "Authorise a world user for a client with scopes: returns a refresh token and a fresh user access token")
    @APIResponse(responseCode = "200", description = "The grant")
    @APIResponse(responseCode = "400", description = "Unknown user or client")
    @APIResponse(responseCode = "401", description = "Admin key missing or wrong")
    public Map<String, Object> addUser(UserRequest request) {
        if (request == null || request.clientId() == null) {
            throw new IllegalArgumentException("give client_id and user_id or login");
        }
        Channel user = request.userId() != null ? world.channel(request.userId())
                : request.login() != null ? world.channelByLogin(request.login()) : null;
        if (user == null) {
            throw new IllegalArgumentException("give the user_id or login of a user of the world");
        }
        UserAccount account = auth.addUser(user.id(), request.clientId(),
                request.scopes() == null ? List.of() : request.scopes(), request.refreshToken());
        AccessToken token = auth.issueUser(account);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("user_id", account.userId());
        m.put("login", account.login());
        m.put("client_id", account.clientId());
        m.put("scopes", account.scopes());
        m.put("refresh_token", account.refreshToken());
        m.put("access_token", token.value());
        m.put("expires_in", token.expiresInSeconds(auth.now()));
        return m;
    }

    @PUT
    @Path("/auth/settings")
    @Operation(summary = "Change auth behaviour: whether refresh grants rotate the refresh token")
    @APIResponse(responseCode = "200", description = "Applied")
    @APIResponse(responseCode = "401", description = "Admin key missing or wrong")
    public Map<String, Object> settings(AuthSettings settings) {
        if (settings != null && settings.rotateRefreshTokens() != null) {
            auth.setRotateRefreshTokens(settings.rotateRefreshTokens());
        }
        return Map.of("applied", true);
    }

    @POST
    @Path("/tokens/revoke")
    @Operation(summary = "Revoke one access token, whoever owns it")
    @APIResponse(responseCode = "200", description = "Revoked")
    @APIResponse(responseCode = "404", description = "Unknown token")
    @APIResponse(responseCode = "401", description = "Admin key missing or wrong")
    public Map<String, Object> revoke(TokenRequest request) {
        if (request == null || !auth.revokeAny(request.token())) {
            throw new AdminProblems.NotFoundProblem("no such token");
        }
        return Map.of("revoked", true);
    }

    @POST
    @Path("/tokens/expire-all")
    @Operation(summary = "Make every access token issued so far invalid")
    @APIResponse(responseCode = "200", description = "How many tokens stopped working")
    @APIResponse(responseCode = "401", description = "Admin key missing or wrong")
    public Map<String, Object> expireAll() {
        return Map.of("expired", auth.expireAll());
    }

    @POST
    @Path("/device/approve")
    @Operation(summary = "Approve a device code as the given user (what the user does at twitch.tv/activate)")
    @APIResponse(responseCode = "200", description = "Approved")
    @APIResponse(responseCode = "400", description = "Unknown user")
    @APIResponse(responseCode = "404", description = "Unknown or expired user code")
    @APIResponse(responseCode = "401", description = "Admin key missing or wrong")
    public Map<String, Object> approve(DeviceApproval request) {
        if (request == null || request.userCode() == null) {
            throw new IllegalArgumentException("give user_code and user_id or login");
        }
        Channel user = request.userId() != null ? world.channel(request.userId())
                : request.login() != null ? world.channelByLogin(request.login()) : null;
        if (user == null) {
            throw new IllegalArgumentException("give the user_id or login of a user of the world");
        }
        if (!auth.approveDevice(request.userCode(), user.id())) {
            throw new AdminProblems.NotFoundProblem("no pending device code " + request.userCode());
        }
        return Map.of("approved", true, "user_id", user.id());
    }
}
