package io.lurker.helix.collector;

import com.fasterxml.jackson.databind.JsonNode;
import io.lurker.contracts.RoutingKeys;
import io.lurker.contracts.catalog.ClipBatch;
import io.lurker.contracts.catalog.ClipRecord;
import io.lurker.helix.messaging.EventPublisher.OutgoingEvent;
import io.lurker.helix.service.HelixQueries;
import io.lurker.helix.service.Watchlist;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Clips of every watchlist channel and game created in the window (default the last 2 h) → {@code catalog.clip}. */
@ApplicationScoped
public class ClipCollector implements Collector {

    static final int BATCH = 500;

    private final Watchlist watchlist;
    private final HelixQueries helix;
    private final RefusedRows refused;

    public ClipCollector(Watchlist watchlist, HelixQueries helix, RefusedRows refused) {
        this.watchlist = watchlist;
        this.helix = helix;
        this.refused = refused;
    }

    @Override
    public String name() {
        return "clips";
    }

    @Override
    public Duration defaultLookback() {
        return Duration.ofHours(2);
    }

    @Override
    public Poll collect(Run run) {
        Map<String, ClipRecord> clips = new LinkedHashMap<>();
        for (Watchlist.Channel c : watchlist.channels()) {
            add(clips, helix.clips(Optional.of(c.id()), Optional.empty(), run.since(), run.until(), 0).data());
        }
        for (Watchlist.Game g : watchlist.games()) {
            add(clips, helix.clips(Optional.empty(), Optional.of(g.id()), run.since(), run.until(), 0).data());
        }
        List<OutgoingEvent> events = new ArrayList<>();
        List<List<ClipRecord>> chunks = HelixRecords.chunks(new ArrayList<>(clips.values()), BATCH);
        for (int i = 0; i < chunks.size(); i++) {
            String id = run.pollId() + ":" + i;
            events.add(new OutgoingEvent(RoutingKeys.CATALOG_CLIP, id, new ClipBatch(1, id, run.now(), chunks.get(i))));
        }
        return Poll.of(events);
    }

    private void add(Map<String, ClipRecord> clips, List<JsonNode> rows) {
        refused.map(name(), rows, HelixRecords::clip).forEach(c -> clips.putIfAbsent(c.id(), c));
    }
}
