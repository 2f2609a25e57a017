package io.lurker.helix.collector;

import io.lurker.contracts.RoutingKeys;
import io.lurker.contracts.catalog.VodBatch;
import io.lurker.contracts.catalog.VodRecord;
import io.lurker.helix.messaging.EventPublisher.OutgoingEvent;
import io.lurker.helix.service.HelixQueries;
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

    public VodCollector(Watchlist watchlist, HelixQueries helix) {
        this.watchlist = watchlist;
        this.helix = helix;
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
            List<VodRecord> vods = helix.videos(c.id(), "all", Optional.of(run.since()), 1000).stream()
                    .filter(v -> !HelixRecords.time(v.video().path("created_at")).isAfter(run.until()))
                    .map(v -> HelixRecords.vod(v.video())).toList();
            if (!vods.isEmpty()) {
                String id = run.pollId() + ":" + c.id();
                events.add(new OutgoingEvent(RoutingKeys.CATALOG_VOD, id, new VodBatch(1, id, run.now(), vods)));
            }
        }
        return Poll.of(events);
    }
}
