package io.lurker.emulator.irc;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/emulator/irc")
@Tag(name = "IRC", description = "The TMI server: connections, traffic, faults, what was sent")
@Produces(MediaType.APPLICATION_JSON)
public class IrcAdminResource {

    private final IrcServer server;
    private final ChatTraffic traffic;

    public IrcAdminResource(IrcServer server, ChatTraffic traffic) {
        this.server = server;
        this.traffic = traffic;
    }

    public record Ports(int port, int tlsPort) {
    }

    @GET
    @Operation(summary = "Ports, traffic settings and counters")
    @APIResponse(responseCode = "200", description = "State")
    @APIResponse(responseCode = "401", description = "Admin key missing or wrong")
    public Map<String, Object> state() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("port", server.plainPort());
        out.put("tls_port", server.tlsPort());
        out.put("traffic", traffic.settings());
        out.putAll(counters());
        return out;
    }

    public record ConnectionView(long id, String nick, boolean anonymous, boolean tls, boolean stalled, List<String> channels) {
    }

    @GET
    @Path("/connections")
    @Operation(summary = "Open connections and their channels")
    @APIResponse(responseCode = "200", description = "Connections")
    @APIResponse(responseCode = "401", description = "Admin key missing or wrong")
    public List<ConnectionView> connections() {
        List<ConnectionView> views = new ArrayList<>();
        for (IrcSession s : server.sessions()) {
            views.add(new ConnectionView(s.id, s.nick, s.anonymous, s.tls, s.stalled(), s.channels.stream().sorted().toList()));
        }
        views.sort(Comparator.comparingLong(ConnectionView::id));
        return views;
    }

    @GET
    @Path("/counters")
    @Operation(summary = "What the server did and sent, per channel (messages = PRIVMSG, events = USERNOTICE, CLEARCHAT, CLEARMSG)")
    @APIResponse(responseCode = "200", description = "Counters")
    @APIResponse(responseCode = "401", description = "Admin key missing or wrong")
    public Map<String, Object> counters() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.putAll(server.stats());
        long[] totals = traffic.totals();
        out.put("messages", totals[0]);
        out.put("events", totals[1]);
        out.put("channels", traffic.channelCounts());
        return out;
    }

    @DELETE
    @Path("/counters")
    @Operation(summary = "Zero the counters and forget what was sent")
    @APIResponse(responseCode = "200", description = "Counters")
    @APIResponse(responseCode = "401", description = "Admin key missing or wrong")
    public Map<String, Object> resetCounters() {
        server.resetCounters();
        traffic.resetCounters();
        return counters();
    }

    @GET
    @Path("/sent")
    @Operation(summary = "Ids a channel sent since the counters were reset: PRIVMSG ids and USERNOTICE ids, in order")
    @APIResponse(responseCode = "200", description = "Ids")
    @APIResponse(responseCode = "400", description = "No channel")
    @APIResponse(responseCode = "401", description = "Admin key missing or wrong")
    public ChatTraffic.Sent sent(@QueryParam("channel") String channel, @QueryParam("limit") Integer limit) {
        if (channel == null || channel.isBlank()) {
            throw new IllegalArgumentException("give ?channel=<login>");
        }
        int max = limit == null ? 1_000_000 : limit;
        if (max < 1 || max > 5_000_000) {
            throw new IllegalArgumentException("limit must be between 1 and 5000000");
        }
        return traffic.sent(channel.toLowerCase(Locale.ROOT).replace("#", ""), max);
    }

    public record TrafficRequest(Boolean paused, Double scale, Double firehoseRate) {
    }

    @PUT
    @Path("/traffic")
    @Operation(summary = "Pause or resume traffic, scale per-channel rates, or set a firehose total rate (messages/s, 0 = off)")
    @APIResponse(responseCode = "200", description = "Settings in force")
    @APIResponse(responseCode = "400", description = "Bad value")
    @APIResponse(responseCode = "401", description = "Admin key missing or wrong")
    public ChatTraffic.Settings traffic(TrafficRequest request) {
        if (request == null) {
            throw new IllegalArgumentException("give paused, scale and/or firehose_rate");
        }
        return traffic.configure(request.paused(), request.scale(), request.firehoseRate());
    }

    public record FaultRequest(String action, String channel, Long connection, Long durationMs, Integer lines) {
    }

    public record FaultResult(String action, int connections) {
    }

    @POST
    @Path("/faults")
    @Operation(summary = "drop (close), stall (send and answer nothing for duration_ms), garbage (send `lines` bad lines) "
            + "or reconnect (send RECONNECT, close after the grace) the connections joined to `channel`, "
            + "or the one with id `connection`, or all")
    @APIResponse(responseCode = "200", description = "How many connections were hit")
    @APIResponse(responseCode = "400", description = "Unknown action")
    @APIResponse(responseCode = "401", description = "Admin key missing or wrong")
    public FaultResult fault(FaultRequest request) {
        if (request == null || request.action() == null) {
            throw new IllegalArgumentException("give action: drop, stall, garbage or reconnect");
        }
        String action = request.action().toLowerCase(Locale.ROOT);
        int hit = switch (action) {
            case "drop" -> server.drop(request.channel(), request.connection());
            case "stall" -> {
                long ms = request.durationMs() == null ? 60_000 : request.durationMs();
                if (ms < 1 || ms > 3_600_000) {
                    throw new IllegalArgumentException("duration_ms must be between 1 and 3600000");
                }
                yield server.stall(request.channel(), request.connection(), ms);
            }
            case "garbage" -> {
                int n = request.lines() == null ? IrcServer.GARBAGE.size() : request.lines();
                if (n < 1 || n > 10_000) {
                    throw new IllegalArgumentException("lines must be between 1 and 10000");
                }
                yield server.garbage(request.channel(), request.connection(), n);
            }
            case "reconnect" -> server.reconnect(request.channel(), request.connection());
            default -> throw new IllegalArgumentException("unknown action " + request.action()
                    + ": drop, stall, garbage or reconnect");
        };
        return new FaultResult(action, hit);
    }
}
