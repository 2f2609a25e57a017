package io.lurker.tokenpool.service;

import static io.lurker.tokenpool.service.LeaseTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.lurker.tokenpool.model.BucketKey;
import io.lurker.tokenpool.model.BucketView;
import io.lurker.tokenpool.model.NewToken;
import io.lurker.tokenpool.model.RateLimitHeaders;
import io.lurker.tokenpool.model.TokenRequirements;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Twitch's Ratelimit headers can only lower the pool's estimate. */
class BucketSyncTest {

    private static final BucketKey BUCKET = BucketKey.app("clienta");
    private final PoolFixture fx = PoolFixture.create();

    @BeforeEach
    void aBucketOfOnePointPerSecond() {
        await(fx.admin.putToken(NewToken.app("clienta", "tok", null)));
        await(fx.admin.configureBucketLimit(BUCKET, 60));
        for (int i = 0; i < 10; i++) {
            await(fx.pool.lease(TokenRequirements.app(), Duration.ZERO));
        }
    }

    @AfterEach
    void close() {
        fx.close();
    }

    private BucketView view() {
        return await(fx.pool.bucket(BUCKET)).orElseThrow();
    }

    @Test
    void aHigherRemainingThanEstimatedChangesNothing() {
        double before = view().pointsLeft();

        await(fx.pool.observe(BUCKET, RateLimitHeaders.parse("60", "59", null)));

        assertThat(view().pointsLeft()).isLessThan(before + 2).isLessThan(55);
    }

    @Test
    void aLowerRemainingLowersTheEstimate() {
        await(fx.pool.observe(BUCKET, RateLimitHeaders.parse("60", "12", null)));

        assertThat(view().pointsLeft()).isBetween(12.0, 14.0);
    }

    @Test
    void theResetIsRecordedAndALowerLimitLowersTheBucketButAHigherOneDoesNot() {
        Instant reset = Instant.ofEpochSecond(Instant.now().plusSeconds(40).getEpochSecond());

        await(fx.pool.observe(BUCKET, RateLimitHeaders.parse("120", null, String.valueOf(reset.getEpochSecond()))));
        assertThat(view().limit()).isEqualTo(60);
        assertThat(view().lastReset()).contains(reset);

        await(fx.pool.observe(BUCKET, RateLimitHeaders.parse("30", null, null)));
        assertThat(view().limit()).isEqualTo(30);
        assertThat(view().pointsLeft()).isLessThanOrEqualTo(30);
    }

    @Test
    void absentOrMalformedHeadersChangeNothing() {
        double before = view().pointsLeft();

        await(fx.pool.observe(BUCKET, RateLimitHeaders.parse(null, null, null)));
        await(fx.pool.observe(BUCKET, RateLimitHeaders.parse("lots", "-3", "soon")));

        assertThat(view().pointsLeft()).isBetween(before, before + 2);
        assertThat(view().limit()).isEqualTo(60);
    }

    @Test
    void aLeaseObservationCountsTheRefillSinceTheLeaseButABareObservationDoesNot() throws Exception {
        await(fx.admin.configureBucketLimit(BUCKET, 6000));
        Lease lease = await(fx.pool.lease(TokenRequirements.app(), Duration.ZERO));
        Thread.sleep(600);

        // Twitch said 0 left when it served the call; 100 points per second may have come since
        await(lease.observe(RateLimitHeaders.parse("6000", "0", null)));
        double afterLeaseObservation = view().pointsLeft();
        await(fx.pool.observe(BUCKET, RateLimitHeaders.parse("6000", "0", null)));
        double afterBareObservation = view().pointsLeft();

        assertThat(afterLeaseObservation).isBetween(50.0, 200.0);
        assertThat(afterBareObservation).isLessThan(10);
    }

    @Test
    void observingAnUnknownBucketCreatesNothing() {
        await(fx.pool.observe(BucketKey.app("nobody"), RateLimitHeaders.parse("800", "0", null)));
        await(fx.pool.exhausted(BucketKey.app("nobody"), java.util.Optional.empty()));

        assertThat(await(fx.pool.buckets())).extracting(BucketView::key).containsExactly(BUCKET);
    }
}
