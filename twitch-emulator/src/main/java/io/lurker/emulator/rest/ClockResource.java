package io.lurker.emulator.rest;

import io.lurker.emulator.clock.ClockMode;
import io.lurker.emulator.clock.EmulatorClock;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/emulator/clock")
@Tag(name = "Clock", description = "The emulator's time: real, accelerated or manual")
@Produces(MediaType.APPLICATION_JSON)
public class ClockResource {

    private final EmulatorClock clock;

    public ClockResource(EmulatorClock clock) {
        this.clock = clock;
    }

    public record AdvanceRequest(Long seconds, String duration) {
    }

    public record ClockRequest(String mode, Double factor, String time) {
    }

    @GET
    @Operation(summary = "Current emulator time and clock mode")
    @APIResponse(responseCode = "200", description = "The clock")
    @APIResponse(responseCode = "401", description = "Admin key missing or wrong")
    public Map<String, Object> get() {
        return view();
    }

    @POST
    @Path("/advance")
    @Operation(summary = "Move time forward by seconds or an ISO-8601 duration (the world changes accordingly)")
    @APIResponse(responseCode = "200", description = "The clock after the move")
    @APIResponse(responseCode = "400", description = "Neither seconds nor duration, or a bad duration")
    @APIResponse(responseCode = "401", description = "Admin key missing or wrong")
    public Map<String, Object> advance(AdvanceRequest request) {
        if (request == null || (request.seconds() == null && request.duration() == null)) {
            throw new IllegalArgumentException("give seconds or duration (ISO-8601, e.g. PT1H)");
        }
        Duration by = request.seconds() != null ? Duration.ofSeconds(request.seconds()) : Duration.parse(request.duration());
        clock.advance(by);
        return view();
    }

    @PUT
    @Operation(summary = "Set the clock's mode (real, accelerated with factor, manual) and/or jump to a time")
    @APIResponse(responseCode = "200", description = "The clock after the change")
    @APIResponse(responseCode = "400", description = "Unknown mode, bad factor or time")
    @APIResponse(responseCode = "401", description = "Admin key missing or wrong")
    public Map<String, Object> set(ClockRequest request) {
        if (request == null) {
            throw new IllegalArgumentException("give mode, factor and/or time");
        }
        if (request.mode() != null || request.factor() != null) {
            ClockMode mode = request.mode() != null ? ClockMode.parse(request.mode()) : clock.mode();
            clock.setMode(mode, request.factor());
        }
        if (request.time() != null) {
            clock.set(Instant.parse(request.time()));
        }
        return view();
    }

    private Map<String, Object> view() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("now", clock.now().toString());
        m.put("mode", clock.mode().label());
        m.put("factor", clock.factor());
        return m;
    }
}
