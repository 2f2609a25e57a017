package io.lurker.helix.collector;

import io.lurker.helix.config.HelixConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Looks every few seconds which jobs are due (their slot not done, this replica's jittered moment come). */
@ApplicationScoped
public class CollectorScheduler {

    private final CollectorRunner runner;
    private final HelixConfig config;

    public CollectorScheduler(CollectorRunner runner, HelixConfig config) {
        this.runner = runner;
        this.config = config;
    }

    @Scheduled(every = "${lurker.helix.collectors.tick:5s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (config.collectors().enabled()) {
            runner.tick(Instant.now());
        }
    }
}
