package io.lurker.gql.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.time.Instant;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** integrity-service's token API (role internal). */
@RegisterRestClient(configKey = "integrity")
@Path("/api/v1/integrity")
interface IntegrityApi {

    record TokenAnswer(String token, String deviceId, String clientId, String userAgent, Instant expiresAt, Instant capturedAt) {
    }

    @GET
    @Path("/token")
    TokenAnswer token(@HeaderParam("Authorization") String authorization);

    @POST
    @Path("/refresh")
    void refresh(@HeaderParam("Authorization") String authorization);
}
