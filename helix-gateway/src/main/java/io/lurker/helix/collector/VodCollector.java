package io.lurker.helix.collector;

import com.fasterxml.jackson.databind.JsonNode;
import io.lurker.contracts.RoutingKeys;
import io.lurker.contracts.catalog.VodBatch;
import io.lurker.contracts.catalog.VodRecord;
import io.lurker.helix.messaging.EventPublisher.OutgoingEvent;
import io.lurker.helix.service.HelixQueries;
import io.lurker.helix.service.HelixViews;
import io.lurker.helix.service.Watchlist;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Videos of every watchlist channel created in the window (default the last 30 days) → {@code catalog.vod}. */
@ApplicationScoped
public class VodCollector implements Collector {

    private final Watchlist watchlist;
    private final HelixQueries helix;
    private final RefusedRows refused;

    public VodCollector(Watchlist watchlist, HelixQueries helix, RefusedRows refused) {
        this.watchlist = watchlist;
        this.helix = helix;
        this.refused = refused;
    }

    @Override
    public String name() {
        return "vods";
    }

    @Override
    public Duration defaultLookback() {
        return Duration.ofDays(30);
    }

    @Override
    public Poll collect(Run run) {
        List<OutgoingEvent> events = new ArrayList<>();
        for (Watchlist.Channel c : watchlist.channels()) {
            List<JsonNode> videos = helix.videos(c.id(), "all", Optional.of(run.since()), 1000).stream()
                    .map(HelixViews.Vod::video).toList();
            List<VodRecord> vods = refused.map(name(), videos, HelixRecords::vod).stream()
                    .filter(v -> !v.createdAt().isAfter(run.until())).toList();
            if (!vods.isEmpty()) {
                String id = run.pollId() + ":" + c.id();
                events.add(new OutgoingEvent(RoutingKeys.CATALOG_VOD, id, new VodBatch(1, id, run.now(), vods)));
            }
        }
        return Poll.of(events);
    }
}
