package io.lurker.chat.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Leases on the real Redis: capacity, exclusivity, take-over after a replica dies, release on shutdown. */
@QuarkusTest
class ChannelLeasesTest {

    @Inject
    RedisDataSource redis;

    private final String prefix = "lurker-test:" + UUID.randomUUID() + ":chat:";
    private final List<String> channels = List.of("alpha", "bravo", "charlie", "delta", "echo");

    @Test
    void replicasSplitTheChannelsAndTakeOverADeadOnesWithinTheTtl() throws Exception {
        Duration ttl = Duration.ofMillis(1500);
        ChannelLeases a = new ChannelLeases(redis, prefix, "replica-a", 3, ttl);
        ChannelLeases b = new ChannelLeases(redis, prefix, "replica-b", 3, ttl);
        a.heartbeat(channels);
        b.heartbeat(channels);
        assertThat(a.owned()).hasSize(3);
        assertThat(b.owned()).hasSize(2);
        Set<String> union = new HashSet<>(a.owned());
        union.addAll(b.owned());
        assertThat(union).containsExactlyInAnyOrderElementsOf(channels);
        for (String c : a.owned()) {
            assertThat(a.holder(c)).isEqualTo("replica-a");
        }

        // a heartbeat renews: after more than one TTL of regular heartbeats nothing has moved
        for (int i = 0; i < 4; i++) {
            Thread.sleep(500);
            a.heartbeat(channels);
            b.heartbeat(channels);
        }
        assertThat(a.owned()).hasSize(3);
        assertThat(b.owned()).hasSize(2);

        // replica A dies (stops renewing); B has room for one more channel per heartbeat while A's keys live
        ChannelLeases b2 = new ChannelLeases(redis, prefix, "replica-b", 5, ttl);
        b2.heartbeat(b.owned());
        Set<String> deadOnes = Set.copyOf(a.owned());
        b2.heartbeat(channels);
        assertThat(b2.owned()).doesNotContainAnyElementsOf(deadOnes);
        long deadline = System.nanoTime() + ttl.toNanos() + Duration.ofSeconds(2).toNanos();
        while (!b2.owned().containsAll(channels) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            b2.heartbeat(channels);
        }
        assertThat(b2.owned()).containsExactlyInAnyOrderElementsOf(channels);

        // A comes back: its renewals fail and it learns it lost them
        a.heartbeat(channels);
        assertThat(a.owned()).isEmpty();

        // a clean shutdown gives the channels back at once
        b2.releaseAll();
        assertThat(b2.owned()).isEmpty();
        a.heartbeat(channels);
        assertThat(a.owned()).hasSize(3);
        a.releaseAll();
        for (String c : channels) {
            assertThat(a.holder(c)).isNull();
        }
    }

    @Test
    void unwantedChannelsAreReleased() {
        ChannelLeases a = new ChannelLeases(redis, prefix, "replica-a", 10, Duration.ofSeconds(5));
        a.heartbeat(channels);
        assertThat(a.owned()).hasSize(5);
        a.heartbeat(channels.subList(0, 2));
        assertThat(a.owned()).containsExactlyInAnyOrder("alpha", "bravo");
        assertThat(a.holder("echo")).isNull();
        a.releaseAll();
    }
}
