package io.lurker.bench.drills;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The short version of drill 2 (bench/drills/drill-2-kill-chat-ingest.sh) through the real pipeline:
 * the emulator's IRC firehose over 9 channels read by three chat-ingest replicas (packaged jars,
 * Redis leases with a 3 s TTL), analytics-service storing what reaches the broker. The replica with
 * the most leases is killed with SIGKILL mid-stream; the survivors must lease and join all its
 * channels, every message the emulator sent after that must be stored, every message that reached
 * the broker must be stored exactly once, and nothing may be missing from the other channels.
 * Runs against the shared servers with its own exchange, queues, schema and Redis prefix.
 */
class PipelineKillDrillTest {

    @Test
    void killMinus9OfOneOfThreeReplicasHandsItsChannelsOverWithoutLoss() throws Exception {
        for (String module : new String[] {"twitch-emulator", "chat-ingest", "analytics-service"}) {
            assertThat(Path.of("..", module, "target/quarkus-app/quarkus-run.jar"))
                    .as(module + " is packaged before bench in the reactor").exists();
        }
        Path logs = Files.createDirectories(Path.of("target/drills"));
        PipelineDrill.Result r = new PipelineDrill(new String[] {"--name", "short kill -9 chat-ingest", "--replicas", "3",
                "--channels", "9", "--rate", "300", "--seconds", "16", "--fault-at", "0.3", "--fault", "kill-chat",
                "--lease-ttl", "3s", "--heartbeat", "500ms", "--after-recovery-seconds", "6", "--drain-idle-seconds", "10", "--emulator-size", "small", "--log-dir", logs.toAbsolutePath().toString()}).run();
        System.out.println(PipelineDrill.Result.header());
        System.out.println(r.row());

        assertThat(r.recovery()).as("the killed replica's channels were leased and joined by the others").isNotNull();
        assertThat(r.faultChannels()).as("the killed replica held channels").isPositive();
        assertThat(r.faultSentAfterRecovery()).as("its channels talked after the hand-over").isPositive();
        assertThat(r.sent()).isPositive();
        assertThat(r.notReceivedAfterRecovery()).as("every message sent after the hand-over reached the broker").isZero();
        assertThat(r.notReceivedOutsideFault()).as("the other replicas' channels lost nothing").isZero();
        assertThat(r.extraOnBroker()).as("nothing on the broker the emulator did not send").isZero();
        assertThat(r.lost()).as("everything on the broker stored").isZero();
        assertThat(r.duplicates()).isZero();
        assertThat(r.stored()).isEqualTo(r.accepted());
    }
}
