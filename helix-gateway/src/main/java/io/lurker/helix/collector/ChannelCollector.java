package io.lurker.helix.collector;

import com.fasterxml.jackson.databind.JsonNode;
import io.lurker.contracts.RoutingKeys;
import io.lurker.contracts.catalog.ChannelBatch;
import io.lurker.contracts.catalog.ChannelRecord;
import io.lurker.helix.client.HelixReader;
import io.lurker.helix.messaging.EventPublisher.OutgoingEvent;
import io.lurker.helix.service.HelixQueries;
import io.lurker.helix.service.Watchlist;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Profiles and follower totals of every watchlist channel → {@code catalog.channel} (batched 100 per message). */
@ApplicationScoped
public class ChannelCollector implements Collector {

    private final Watchlist watchlist;
    private final HelixQueries queries;
    private final HelixReader helix;

    public ChannelCollector(Watchlist watchlist, HelixQueries queries, HelixReader helix) {
        this.watchlist = watchlist;
        this.queries = queries;
        this.helix = helix;
    }

    @Override
    public String name() {
        return "channels";
    }

    @Override
    public Poll collect(Run run) {
        List<String> ids = watchlist.channels().stream().map(Watchlist.Channel::id).toList();
        List<OutgoingEvent> events = new ArrayList<>();
        List<List<String>> chunks = HelixRecords.chunks(ids, HelixQueries.BATCH);
        for (int i = 0; i < chunks.size(); i++) {
            List<String> chunk = chunks.get(i);
            List<JsonNode> users = queries.users(List.of(), chunk);
            List<Map.Entry<String, String>> byId = new ArrayList<>();
            chunk.forEach(id -> byId.add(Map.entry("broadcaster_id", id)));
            Map<String, JsonNode> channels = new HashMap<>();
            helix.get("channels", byId).path("data").forEach(c -> channels.put(c.path("broadcaster_id").asText(), c));
            List<ChannelRecord> records = new ArrayList<>();
            for (JsonNode u : users) {
                String id = u.path("id").asText();
                JsonNode ch = channels.getOrDefault(id, com.fasterxml.jackson.databind.node.MissingNode.getInstance());
                long followers = helix.get("channels/followers", List.of(Map.entry("broadcaster_id", id), Map.entry("first", "1")))
                        .path("total").asLong();
                List<ChannelRecord.TeamRef> teams = new ArrayList<>();
                helix.get("teams/channel", List.of(Map.entry("broadcaster_id", id))).path("data").forEach(t -> teams.add(
                        new ChannelRecord.TeamRef(t.path("id").asText(), t.path("team_name").asText(), t.path("team_display_name").asText())));
                Optional<JsonNode> schedule = helix.find("schedule", List.of(Map.entry("broadcaster_id", id), Map.entry("first", "1")));
                records.add(new ChannelRecord(id, u.path("login").asText(), u.path("display_name").asText(),
                        u.path("broadcaster_type").asText(), u.path("description").asText(), u.path("profile_image_url").asText(),
                        HelixRecords.time(u.path("created_at")), ch.path("broadcaster_language").asText(null),
                        ch.path("game_id").asText(null), ch.path("game_name").asText(null), ch.path("title").asText(null),
                        ch.has("tags") ? HelixRecords.strings(ch.path("tags")) : null, followers, teams, schedule.isPresent(), run.now()));
            }
            String id = run.pollId() + ":" + i;
            events.add(new OutgoingEvent(RoutingKeys.CATALOG_CHANNEL, id, new ChannelBatch(1, id, run.now(), records)));
        }
        return Poll.of(events);
    }
}
