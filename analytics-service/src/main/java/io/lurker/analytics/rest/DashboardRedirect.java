package io.lurker.analytics.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code /dashboard} → {@code /dashboard/}: the dashboard's files use relative URLs, which resolve
 * only under the trailing slash. The pages themselves are static and public; their data needs a
 * {@code read} token pasted into the page.
 */
@Path("/dashboard")
public class DashboardRedirect {

    @GET
    @PermitAll
    @Operation(hidden = true)
    public Response redirect() {
        return Response.status(Response.Status.MOVED_PERMANENTLY).location(URI.create("/dashboard/")).build();
    }
}
