package io.lurker.analytics.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** helix-gateway's typed Helix API, the two lookups the watchlist needs. */
@RegisterRestClient(configKey = "helix-gateway")
@Path("/api/v1/helix")
@Produces(MediaType.APPLICATION_JSON)
interface HelixGatewayApi {

    @GET
    @Path("/users")
    HelixUsers users(@QueryParam("login") List<String> logins, @HeaderParam("Authorization") String authorization);

    @GET
    @Path("/games")
    HelixGames games(@QueryParam("name") List<String> names, @HeaderParam("Authorization") String authorization);
}
