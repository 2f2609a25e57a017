package io.lurker.emulator.rest;

import io.lurker.emulator.fault.FaultInjector;
import io.lurker.emulator.fault.FaultSpec;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/emulator/faults")
@Tag(name = "Faults", description = "Errors, latency and 429 storms per endpoint")
@Produces(MediaType.APPLICATION_JSON)
public class FaultResource {

    private final FaultInjector faults;

    public FaultResource(FaultInjector faults) {
        this.faults = faults;
    }

    public record FaultRequest(String endpoint, Double errorRate, Integer errorStatus, Long latencyMs,
                               Boolean rateLimitStorm, Long seed) {
    }

    @GET
    @Operation(summary = "Faults in force, per endpoint")
    @APIResponse(responseCode = "200", description = "Endpoint to fault")
    @APIResponse(responseCode = "401", description = "Admin key missing or wrong")
    public Map<String, FaultSpec> list() {
        return faults.all();
    }

    @PUT
    @Operation(summary = "Set the faults of one endpoint (e.g. /helix/streams, /oauth2/token, or * for all)")
    @APIResponse(responseCode = "200", description = "Faults in force")
    @APIResponse(responseCode = "400", description = "Bad rate, status or latency")
    @APIResponse(responseCode = "401", description = "Admin key missing or wrong")
    public Map<String, FaultSpec> set(FaultRequest request) {
        if (request == null) {
            throw new IllegalArgumentException("give endpoint and the faults");
        }
        double rate = request.errorRate() == null ? 0 : request.errorRate();
        int status = request.errorStatus() == null ? 500 : request.errorStatus();
        FaultSpec spec = new FaultSpec(rate, status, request.latencyMs() == null ? 0 : request.latencyMs(),
                Boolean.TRUE.equals(request.rateLimitStorm()));
        faults.set(request.endpoint(), spec, request.seed() == null ? 1 : request.seed());
        return faults.all();
    }

    @DELETE
    @Operation(summary = "Clear the faults of one endpoint, or all of them without ?endpoint")
    @APIResponse(responseCode = "200", description = "Faults still in force")
    @APIResponse(responseCode = "401", description = "Admin key missing or wrong")
    public Map<String, FaultSpec> clear(@QueryParam("endpoint") String endpoint) {
        if (endpoint == null || endpoint.isBlank()) {
            faults.clearAll();
        } else {
            faults.clear(endpoint);
        }
        return faults.all();
    }
}
