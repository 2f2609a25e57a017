package io.lurker.bench.drills;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The short version of drill 1 (bench/drills/drill-1-kill-analytics.sh): chat batches published
 * through RabbitMQ while analytics-service's packaged jar is killed with SIGKILL mid-stream and
 * started again; every message the broker confirmed is stored exactly once. Runs against the
 * shared servers with its own exchange, queues and schema (dropped at the end).
 */
class AnalyticsKillDrillTest {

    @Test
    void killMinus9MidStreamLosesAndDuplicatesNothing() throws Exception {
        Path jar = Path.of("../analytics-service/target/quarkus-app/quarkus-run.jar");
        assertThat(jar).as("analytics-service is packaged before bench in the reactor").exists();
        Path logs = Files.createDirectories(Path.of("target/drills"));
        ChatDrill.Result result = new ChatDrill(new String[] {"--name", "short kill -9", "--service-jar", jar.toString(),
                "--messages", "12000", "--rate", "1500", "--batch", "50", "--channels", "40", "--fault-at", "0.4",
                "--kill-analytics", "true", "--restart-after-ms", "1000", "--http-port", "0", "--log-dir", logs.toString()}).run();
        System.out.println(ChatDrill.Result.header());
        System.out.println(result.row());
        assertThat(result.accepted()).isEqualTo(result.sent()).isEqualTo(12000);
        assertThat(result.lost()).isZero();
        assertThat(result.duplicates()).isZero();
        assertThat(result.stored()).isEqualTo(12000);
        assertThat(result.recovery()).isNotNull();
        assertThat(result.apiErrors()).as("the API was down while the service was").isPositive();
    }
}
