package io.lurker.tokenpool.service;

import static io.lurker.tokenpool.service.LeaseTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.lurker.tokenpool.model.BucketKey;
import io.lurker.tokenpool.model.NewToken;
import io.lurker.tokenpool.model.RateLimitHeaders;
import io.lurker.tokenpool.model.TokenRequirements;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Several replicas (own Vert.x, own connections) leasing one bucket at once through the real Redis. */
class LeaseConcurrencyTest {

    private static final BucketKey BUCKET = BucketKey.app("shared");
    private final PoolFixture fx = PoolFixture.create();
    private final List<PoolFixture> replicas = new ArrayList<>();

    @BeforeEach
    void threeReplicasAndTwoTokensOfOneClient() {
        replicas.add(fx);
        replicas.add(fx.replica());
        replicas.add(fx.replica());
        await(fx.admin.putToken(NewToken.app("shared", "tok-1", null)));
        await(fx.admin.putToken(NewToken.app("shared", "tok-2", null)));
    }

    @AfterEach
    void close() {
        replicas.subList(1, replicas.size()).forEach(PoolFixture::close);
        fx.close();
    }

    /** Empties the bucket the way a Twitch answer would: Ratelimit-Remaining 0. */
    private void drain() {
        await(fx.pool.observe(BUCKET, RateLimitHeaders.parse(null, "0", null)));
    }

    @Test
    void concurrentLeasesFromThreeReplicasNeverTakeMorePointsThanTheBucketHolds() {
        await(fx.admin.configureBucketLimit(BUCKET, 60));
        long start = System.nanoTime();

        int granted = grantedOf(startLeases(300, Duration.ZERO));
        double seconds = (System.nanoTime() - start) / 1e9;

        // 60 points at the start, one more per second of the run (limit 60 per minute)
        assertThat(granted).isGreaterThanOrEqualTo(60).isLessThanOrEqualTo(60 + (int) Math.ceil(seconds));
        assertThat(await(fx.pool.bucket(BUCKET)).orElseThrow().leased()).isEqualTo(granted);
    }

    @Test
    void replicasWaitingOnAnEmptyBucketShareItsRefillFairly() throws Exception {
        await(fx.admin.configureBucketLimit(BUCKET, 600));
        drain();
        Instant end = Instant.now().plusSeconds(4);
        AtomicIntegerArray perReplica = new AtomicIntegerArray(3);
        AtomicInteger failures = new AtomicInteger();
        // 3 replicas x 4 callers that lease as fast as points come
        ExecutorService callers = Executors.newFixedThreadPool(12);
        for (int c = 0; c < 12; c++) {
            int replica = c % 3;
            callers.submit(() -> {
                while (Instant.now().isBefore(end)) {
                    try {
                        replicas.get(replica).pool.leaseBlocking(TokenRequirements.app(), Duration.ofSeconds(8));
                        perReplica.incrementAndGet(replica);
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                    }
                }
            });
        }
        callers.shutdown();
        assertThat(callers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        int total = perReplica.get(0) + perReplica.get(1) + perReplica.get(2);
        // 10 points per second refill for ~4 s (+ the last waiters served after the end)
        assertThat(total).isBetween(30, 62);
        assertThat(failures.get()).as("leases that waited more than 8 s").isZero();
        for (int r = 0; r < 3; r++) {
            assertThat(perReplica.get(r)).as("replica %d of %s", r, perReplica).isGreaterThanOrEqualTo(total / 6);
        }
    }

    @Test
    void waitingLeasesHoldNoThread() {
        await(fx.admin.configureBucketLimit(BUCKET, 60));
        drain();
        int threadsBefore = Thread.activeCount();

        List<CompletableFuture<Lease>> waiting = startLeases(300, Duration.ofMillis(2500));
        int threadsWhileWaiting = Thread.activeCount();

        int granted = grantedOf(waiting);
        assertThat(threadsWhileWaiting - threadsBefore).isLessThan(20);
        // one point per second for 2.5 s
        assertThat(granted).isBetween(1, 4);
    }

    /** {@code count} leases spread over the three replicas, all started before any is awaited. */
    private List<CompletableFuture<Lease>> startLeases(int count, Duration maxWait) {
        List<CompletableFuture<Lease>> leases = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            leases.add(replicas.get(i % 3).pool.lease(TokenRequirements.app(), maxWait).subscribeAsCompletionStage());
        }
        return leases;
    }

    /** How many were granted; every other one must have failed for lack of points. */
    private static int grantedOf(List<CompletableFuture<Lease>> leases) {
        int granted = 0;
        for (CompletableFuture<Lease> lease : leases) {
            try {
                lease.join();
                granted++;
            } catch (CompletionException e) {
                assertThat(e.getCause()).isInstanceOfSatisfying(LeaseTimeoutException.class,
                        t -> assertThat(t.reason()).isEqualTo(LeaseTimeoutException.Reason.RATE_LIMITED));
            }
        }
        return granted;
    }
}
