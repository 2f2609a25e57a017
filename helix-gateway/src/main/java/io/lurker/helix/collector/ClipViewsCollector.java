package io.lurker.helix.collector;

import io.lurker.contracts.RoutingKeys;
import io.lurker.contracts.catalog.ClipViewsBatch;
import io.lurker.contracts.catalog.ClipViewsSample;
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

/** View counts of the watchlist's clips younger than 24 h (virality trajectories) → {@code catalog.clip-views}. */
@ApplicationScoped
public class ClipViewsCollector implements Collector {

    private final Watchlist watchlist;
    private final HelixQueries helix;
    private final RefusedRows refused;

    public ClipViewsCollector(Watchlist watchlist, HelixQueries helix, RefusedRows refused) {
        this.watchlist = watchlist;
        this.helix = helix;
        this.refused = refused;
    }

    @Override
    public String name() {
        return "clip-views";
    }

    @Override
    public Duration defaultLookback() {
        return Duration.ofHours(24);
    }

    @Override
    public Poll collect(Run run) {
        Map<String, ClipViewsSample> samples = new LinkedHashMap<>();
        for (Watchlist.Channel c : watchlist.channels()) {
            refused.map(name(), helix.clips(Optional.of(c.id()), Optional.empty(), run.since(), run.until(), 0).data(),
                    r -> HelixRecords.clipViews(r, run.now())).forEach(s -> samples.putIfAbsent(s.clipId(), s));
        }
        for (Watchlist.Game g : watchlist.games()) {
            refused.map(name(), helix.clips(Optional.empty(), Optional.of(g.id()), run.since(), run.until(), 0).data(),
                    r -> HelixRecords.clipViews(r, run.now())).forEach(s -> samples.putIfAbsent(s.clipId(), s));
        }
        List<OutgoingEvent> events = new ArrayList<>();
        List<List<ClipViewsSample>> chunks = HelixRecords.chunks(new ArrayList<>(samples.values()), 1000);
        for (int i = 0; i < chunks.size(); i++) {
            String id = run.pollId() + ":" + i;
            events.add(new OutgoingEvent(RoutingKeys.CATALOG_CLIP_VIEWS, id, new ClipViewsBatch(1, id, run.now(), chunks.get(i))));
        }
        return Poll.of(events);
    }
}
