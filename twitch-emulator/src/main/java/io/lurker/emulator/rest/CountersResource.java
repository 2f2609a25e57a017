package io.lurker.emulator.rest;

import io.lurker.emulator.counter.Counters;
import io.lurker.emulator.ratelimit.RateLimiter;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/emulator")
@Tag(name = "Counters and rate limits", description = "What benchmarks and fault drills assert on")
@Produces(MediaType.APPLICATION_JSON)
public class CountersResource {

    private final Counters counters;
    private final RateLimiter rateLimiter;

    public CountersResource(Counters counters, RateLimiter rateLimiter) {
        this.counters = counters;
        this.rateLimiter = rateLimiter;
    }

    public record LimitRequest(String bucket, Integer pointsPerMinute) {
    }

    @GET
    @Path("/counters")
    @Operation(summary = "Requests and 429s per bucket, most requests a bucket served in any 60 s, requests per endpoint and status")
    @APIResponse(responseCode = "200", description = "Counters")
    @APIResponse(responseCode = "401", description = "Admin key missing or wrong")
    public Map<String, Object> counters() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("buckets", rateLimiter.stats());
        m.put("endpoints", counters.requestsPerEndpoint());
        m.put("statuses", counters.statusesPerEndpoint());
        return m;
    }

    @DELETE
    @Path("/counters")
    @Operation(summary = "Reset every counter and refill every bucket")
    @APIResponse(responseCode = "200", description = "Reset")
    @APIResponse(responseCode = "401", description = "Admin key missing or wrong")
    public Map<String, Object> reset() {
        counters.reset();
        rateLimiter.reset();
        return Map.of("reset", true);
    }

    @GET
    @Path("/ratelimits")
    @Operation(summary = "Default points per minute and per-bucket overrides")
    @APIResponse(responseCode = "200", description = "Limits")
    @APIResponse(responseCode = "401", description = "Admin key missing or wrong")
    public Map<String, Object> limits() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("default_points_per_minute", rateLimiter.defaultLimit());
        m.put("buckets", rateLimiter.configuredLimits());
        return m;
    }

    @PUT
    @Path("/ratelimits")
    @Operation(summary = "Set one bucket's points per minute (bucket app:<client> or user:<client>:<user>), or the default without bucket")
    @APIResponse(responseCode = "200", description = "Limits")
    @APIResponse(responseCode = "400", description = "Missing or non-positive points per minute")
    @APIResponse(responseCode = "401", description = "Admin key missing or wrong")
    public Map<String, Object> setLimit(LimitRequest request) {
        if (request == null || request.pointsPerMinute() == null) {
            throw new IllegalArgumentException("give points_per_minute (and bucket, or none for the default)");
        }
        if (request.bucket() == null || request.bucket().isBlank()) {
            rateLimiter.setDefaultLimit(request.pointsPerMinute());
        } else {
            rateLimiter.setLimit(request.bucket(), request.pointsPerMinute());
        }
        return limits();
    }
}
