package io.lurker.tokenpool.service;

import static io.lurker.tokenpool.service.LeaseTest.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lurker.tokenpool.model.BucketKey;
import io.lurker.tokenpool.model.BucketView;
import io.lurker.tokenpool.model.NewToken;
import io.lurker.tokenpool.model.RateLimitHeaders;
import io.lurker.tokenpool.model.TokenRequirements;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Waiting for points within the caller's deadline, and 429s. */
class LeaseWaitTest {

    private static final BucketKey BUCKET = BucketKey.app("clienta");
    private final PoolFixture fx = PoolFixture.create();

    @BeforeEach
    void aBucketOfOnePointPerSecond() {
        await(fx.admin.putToken(NewToken.app("clienta", "tok", null)));
        await(fx.admin.configureBucketLimit(BUCKET, 60));
    }

    @AfterEach
    void close() {
        fx.close();
    }

    private void drain() {
        await(fx.pool.observe(BUCKET, RateLimitHeaders.parse(null, "0", null)));
    }

    @Test
    void anEmptyBucketIsWaitedForUntilItsNextPointWithinTheDeadline() {
        drain();
        long start = System.nanoTime();

        Lease lease = await(fx.pool.lease(TokenRequirements.app(), Duration.ofSeconds(5)));

        assertThat(lease.accessToken()).isEqualTo("tok");
        // it did wait for the refill instead of exceeding the bucket
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(700));
        assertThat(lease.pointsLeft()).isLessThan(0.5);
    }

    @Test
    void waitsTheirDurationAndTimeoutsAreCountedInRedisForEveryReplica() {
        drain();
        await(fx.pool.lease(TokenRequirements.app(), Duration.ofSeconds(5)));
        assertThatThrownBy(() -> await(fx.pool.lease(TokenRequirements.app(), Duration.ofMillis(100))))
                .isInstanceOf(LeaseTimeoutException.class);

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            java.util.Map<String, Long> stats = await(fx.admin.leaseStats());
            assertThat(stats).containsEntry("waits:app", 1L).containsEntry("timeouts:app", 1L)
                    .containsEntry("waits:user", 0L).containsEntry("timeouts:any", 0L);
            // the one that waited waited for the refill of an empty 1-point-per-second bucket
            assertThat(stats.get("wait-ms:app")).isGreaterThan(500L);
        });
    }

    @Test
    void aDeadlineBeforeTheNextPointFailsCleanlyWithWhenToRetry() {
        drain();

        assertThatThrownBy(() -> await(fx.pool.lease(TokenRequirements.app(), Duration.ofMillis(200))))
                .isInstanceOfSatisfying(LeaseTimeoutException.class, e -> {
                    assertThat(e.reason()).isEqualTo(LeaseTimeoutException.Reason.RATE_LIMITED);
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.retryAfter()).isBetween(Duration.ofMillis(200), Duration.ofSeconds(1));
                    assertThat(e.extensions()).containsEntry("retryAfterSeconds", 1L);
                    assertThat(e.getMessage()).contains("app token");
                });
        // the failed wait took nothing: the next caller gets the point
        assertThat(await(fx.pool.lease(TokenRequirements.app(), Duration.ofSeconds(3))).accessToken()).isEqualTo("tok");
    }

    @Test
    void after429NoLeaseUntilTheResetThenLeasesResume() {
        Instant reset = Instant.now().plusSeconds(3);
        Instant blockedUntil = await(fx.pool.exhausted(BUCKET, Optional.of(reset)));

        assertThat(blockedUntil).isEqualTo(Instant.ofEpochMilli(reset.toEpochMilli()));
        BucketView view = await(fx.pool.bucket(BUCKET)).orElseThrow();
        assertThat(view.blockedUntil()).contains(blockedUntil);
        assertThat(view.throttled()).isEqualTo(1);
        assertThatThrownBy(() -> await(fx.pool.lease(TokenRequirements.app(), Duration.ofSeconds(1))))
                .isInstanceOfSatisfying(LeaseTimeoutException.class,
                        e -> assertThat(e.retryAfter()).isGreaterThan(Duration.ofMillis(1500)));

        Lease lease = await(fx.pool.lease(TokenRequirements.app(), Duration.ofSeconds(8)));

        assertThat(lease.leasedAt()).isAfterOrEqualTo(blockedUntil);
    }

    @Test
    void a429WithoutResetBlocksAFullMinuteAndAResetInThePastStillBlocksBriefly() {
        Instant before = Instant.now();
        Instant withoutReset = await(fx.pool.exhausted(BUCKET, Optional.empty()));
        assertThat(withoutReset).isAfter(before.plusSeconds(55));

        BucketKey other = BucketKey.app("clientb");
        await(fx.admin.putToken(NewToken.app("clientb", "tok-b", null)));
        Instant pastReset = await(fx.pool.exhausted(other, Optional.of(Instant.now().minusSeconds(30))));
        assertThat(pastReset).isAfter(Instant.now().plusMillis(500));
    }

    @Test
    void aLeaseReports429And401AndOtherAnswersThroughOneCall() {
        Lease lease = await(fx.pool.lease(TokenRequirements.app(), Duration.ZERO));
        long resetSeconds = Instant.now().plusSeconds(20).getEpochSecond();

        await(lease.report(429, RateLimitHeaders.parse("60", "0", String.valueOf(resetSeconds))));
        assertThat(await(fx.pool.bucket(BUCKET)).orElseThrow().blockedUntil()).contains(Instant.ofEpochSecond(resetSeconds));

        await(lease.report(401, RateLimitHeaders.none()));
        assertThatThrownBy(() -> await(fx.pool.lease(TokenRequirements.app(), Duration.ZERO)))
                .isInstanceOf(NoEligibleTokenException.class);
    }
}
