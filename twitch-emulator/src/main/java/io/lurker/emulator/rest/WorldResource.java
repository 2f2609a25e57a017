package io.lurker.emulator.rest;

import io.lurker.emulator.auth.AuthStore;
import io.lurker.emulator.world.Timeline;
import io.lurker.emulator.world.World;
import io.lurker.emulator.world.WorldData;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/emulator/world")
@Tag(name = "World", description = "The generated or fixture world")
@Produces(MediaType.APPLICATION_JSON)
public class WorldResource {

    private final World world;
    private final AuthStore auth;

    public WorldResource(World world, AuthStore auth) {
        this.world = world;
        this.auth = auth;
    }

    public record ResetRequest(Long seed, String size, String fixture) {
    }

    @GET
    @Operation(summary = "What the world is made of: source, seed, size and counts")
    @APIResponse(responseCode = "200", description = "World summary")
    @APIResponse(responseCode = "401", description = "Admin key missing or wrong")
    public Map<String, Object> summary() {
        return view(world.data());
    }

    @POST
    @Path("/reset")
    @Operation(summary = "Rebuild the world: a new seed and/or size, or a fixture; empty body rebuilds the configured world")
    @APIResponse(responseCode = "200", description = "The new world's summary")
    @APIResponse(responseCode = "400", description = "Unknown size or unreadable fixture")
    @APIResponse(responseCode = "401", description = "Admin key missing or wrong")
    public Map<String, Object> reset(ResetRequest request) {
        ResetRequest r = request == null ? new ResetRequest(null, null, null) : request;
        WorldData data = world.reset(r.seed(), r.size(), r.fixture());
        auth.importFixture(data.accounts());
        return view(data);
    }

    private Map<String, Object> view(WorldData data) {
        Timeline timeline = data.timeline(world.now());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", data.source());
        m.put("seed", data.seed());
        m.put("size", data.spec() == null ? "fixture" : data.spec().size());
        m.put("channels", data.channels().size());
        m.put("games", data.games().size());
        m.put("teams", data.teams().size());
        m.put("sessions", timeline.sessions().size());
        m.put("clips", timeline.clips().size());
        m.put("videos", timeline.videos().size());
        m.put("live_streams", world.live().streams().size());
        m.put("now", world.now().toString());
        return m;
    }
}
