package io.lurker.helix.collector;

import io.lurker.contracts.RoutingKeys;
import io.lurker.contracts.catalog.CategoryBatch;
import io.lurker.contracts.catalog.CategorySnapshot;
import io.lurker.helix.config.HelixConfig;
import io.lurker.helix.messaging.EventPublisher.OutgoingEvent;
import io.lurker.helix.service.HelixQueries;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Top N games with rank, viewers and streams summed over all their live streams → {@code catalog.category}. */
@ApplicationScoped
public class CategoryCollector implements Collector {

    private final HelixQueries helix;
    private final HelixConfig config;

    public CategoryCollector(HelixQueries helix, HelixConfig config) {
        this.helix = helix;
        this.config = config;
    }

    @Override
    public String name() {
        return "categories";
    }

    @Override
    public Poll collect(Run run) {
        List<CategorySnapshot> games = helix.topGames(config.collectors().topGames()).stream()
                .map(g -> new CategorySnapshot(g.rank(), g.id(), g.name(), g.boxArtUrl(), g.igdbId(), g.viewers(), g.streams()))
                .toList();
        return Poll.of(List.of(new OutgoingEvent(RoutingKeys.CATALOG_CATEGORY, run.pollId(),
                new CategoryBatch(1, run.pollId(), run.now(), games))));
    }
}
