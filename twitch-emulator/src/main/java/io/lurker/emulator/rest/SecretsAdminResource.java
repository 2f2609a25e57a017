package io.lurker.emulator.rest;

import io.lurker.emulator.auth.AuthStore;
import io.lurker.emulator.gql.IntegrityTokens;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Test-only: every secret this emulator knows or handed out, so that a test can look for each of
 * them in the logs and answers of the services it ran (none may appear). They grant nothing
 * beyond this emulator; set {@code lurker.emulator.admin-key} to keep them to the test.
 */
@Path("/emulator/secrets")
@Tag(name = "Auth", description = "Clients, users, tokens and device codes of the emulated id.twitch.tv")
@Produces(MediaType.APPLICATION_JSON)
public class SecretsAdminResource {

    private final AuthStore auth;
    private final IntegrityTokens integrity;

    public SecretsAdminResource(AuthStore auth, IntegrityTokens integrity) {
        this.auth = auth;
        this.integrity = integrity;
    }

    @GET
    @Operation(summary = "Every client secret, access token (also expired and revoked), refresh token (also rotated out), "
            + "device code and recent integrity token (up to 10,000) handed out")
    @APIResponse(responseCode = "200", description = "{client_secrets, access_tokens, refresh_tokens, device_codes, integrity_tokens}")
    @APIResponse(responseCode = "401", description = "Admin key missing or wrong")
    public Map<String, Object> secrets() {
        AuthStore.Secrets secrets = auth.secrets();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("client_secrets", secrets.clientSecrets());
        m.put("access_tokens", secrets.accessTokens());
        m.put("refresh_tokens", secrets.refreshTokens());
        m.put("device_codes", secrets.deviceCodes());
        m.put("integrity_tokens", integrity.issuedTokens());
        return m;
    }
}
