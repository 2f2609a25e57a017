package io.lurker.helix.collector;

import com.fasterxml.jackson.databind.JsonNode;
import io.lurker.contracts.RoutingKeys;
import io.lurker.contracts.stream.StreamEvent;
import io.lurker.contracts.stream.StreamEventKind;
import io.lurker.contracts.stream.StreamSnapshot;
import io.lurker.contracts.stream.StreamSnapshotBatch;
import io.lurker.helix.messaging.EventPublisher.OutgoingEvent;
import io.lurker.helix.service.HelixQueries;
import io.lurker.helix.service.Watchlist;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every watchlist channel each poll, 100 per {@code /streams} call: one {@code stream.snapshot}
 * batch per poll, and {@code stream.event}s for what changed since the previous poll (kept in
 * Redis, so a replica taking over compares with what the last one saw).
 */
@ApplicationScoped
public class StreamMonitor implements Collector {

    private final Watchlist watchlist;
    private final HelixQueries helix;
    private final RefusedRows refused;

    public StreamMonitor(Watchlist watchlist, HelixQueries helix, RefusedRows refused) {
        this.watchlist = watchlist;
        this.helix = helix;
        this.refused = refused;
    }

    @Override
    public String name() {
        return "streams";
    }

    /** The state kept per live channel: stream id, game id, game name, title. */
    record Seen(String streamId, String gameId, String gameName, String title) {
        String encode() {
            return String.join("\u0001", streamId, gameId, gameName, title);
        }

        static Seen decode(String value) {
            String[] p = value.split("\u0001", -1);
            return new Seen(p[0], p.length > 1 ? p[1] : "", p.length > 2 ? p[2] : "", p.length > 3 ? p[3] : "");
        }
    }

    @Override
    public Poll collect(Run run) {
        List<String> ids = watchlist.channels().stream().map(Watchlist.Channel::id).toList();
        Map<String, String> logins = new HashMap<>();
        watchlist.channels().forEach(c -> logins.put(c.id(), c.login()));
        List<JsonNode> live = ids.isEmpty() ? List.of() : helix.streamsOfChannels(ids);
        List<StreamSnapshot> snapshots = refused.map(name(), live, HelixRecords::stream);
        List<String> polled = polled(ids, live, snapshots);
        List<OutgoingEvent> events = new ArrayList<>();
        events.add(new OutgoingEvent(RoutingKeys.STREAM_SNAPSHOT, run.pollId(),
                new StreamSnapshotBatch(1, run.pollId(), run.now(), run.intervalSeconds(), polled, snapshots)));

        Map<String, String> next = new HashMap<>();
        Map<String, Seen> before = new HashMap<>();
        run.state().forEach((k, v) -> before.put(k, Seen.decode(v)));
        for (StreamSnapshot s : snapshots) {
            Seen now = new Seen(s.streamId(), s.gameId(), s.gameName(), s.title());
            next.put(s.channelId(), now.encode());
            Seen was = before.get(s.channelId());
            if (was == null || !was.streamId().equals(s.streamId())) {
                if (was != null) {
                    events.add(event(was.streamId() + ":offline", StreamEventKind.OFFLINE, s.channelId(), s.channelLogin(),
                            was.streamId(), run, was, null));
                }
                events.add(new OutgoingEvent(RoutingKeys.STREAM_EVENT, s.streamId() + ":online", new StreamEvent(1,
                        s.streamId() + ":online", StreamEventKind.ONLINE, s.channelId(), s.channelLogin(), s.streamId(),
                        s.startedAt() != null ? s.startedAt() : run.now(), s.gameId(), s.gameName(), s.title(), null, null, null)));
                continue;
            }
            if (!was.gameId().equals(s.gameId())) {
                events.add(event(s.streamId() + ":game_change:" + was.gameId() + ":" + s.gameId(), StreamEventKind.GAME_CHANGE,
                        s.channelId(), s.channelLogin(), s.streamId(), run, now, was));
            }
            if (!was.title().equals(s.title())) {
                events.add(event(s.streamId() + ":title_change:" + Integer.toHexString(s.title().hashCode()),
                        StreamEventKind.TITLE_CHANGE, s.channelId(), s.channelLogin(), s.streamId(), run, now, was));
            }
        }
        for (Map.Entry<String, Seen> e : before.entrySet()) {
            // only channels polled now and not live are offline; a channel left out of the poll is unknown
            if (!next.containsKey(e.getKey()) && polled.contains(e.getKey())) {
                Seen was = e.getValue();
                events.add(event(was.streamId() + ":offline", StreamEventKind.OFFLINE, e.getKey(),
                        logins.getOrDefault(e.getKey(), ""), was.streamId(), run, was, null));
            }
        }
        return new Poll(events, Optional.of(next));
    }

    /**
     * The channels this poll knows the state of. A channel whose live row was refused is not
     * known to be offline: it is left out (missing data), and when a refused row has no usable
     * {@code user_id} only the channels seen live are known.
     */
    static List<String> polled(List<String> ids, List<JsonNode> live, List<StreamSnapshot> snapshots) {
        if (snapshots.size() == live.size()) {
            return ids;
        }
        Set<String> good = new HashSet<>();
        snapshots.forEach(s -> good.add(s.channelId()));
        Set<String> unknown = new HashSet<>();
        for (JsonNode row : live) {
            String channelId = row.path("user_id").isTextual() ? row.path("user_id").asText() : "";
            if (channelId.isEmpty()) {
                return ids.stream().filter(good::contains).toList();
            }
            if (!good.contains(channelId)) {
                unknown.add(channelId);
            }
        }
        return ids.stream().filter(id -> !unknown.contains(id)).toList();
    }

    private static OutgoingEvent event(String id, StreamEventKind kind, String channelId, String login, String streamId, Run run,
                                       Seen current, Seen previous) {
        return new OutgoingEvent(RoutingKeys.STREAM_EVENT, id, new StreamEvent(1, id, kind, channelId, login, streamId, run.now(),
                current.gameId(), current.gameName(), current.title(),
                previous == null ? null : previous.gameId(), previous == null ? null : previous.gameName(),
                previous == null ? null : previous.title()));
    }
}
