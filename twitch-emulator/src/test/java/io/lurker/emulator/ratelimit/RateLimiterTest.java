package io.lurker.emulator.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Token-bucket arithmetic of REFERENCE.md §2 with a controlled clock. */
class RateLimiterTest {

    final AtomicLong millis = new AtomicLong(1_700_000_000_000L);
    final RateLimiter limiter = new RateLimiter(millis::get, 800);

    @Test
    void spendsOnePointPerCallAndRefusesWhenEmpty() {
        limiter.setLimit("app:a", 3);
        assertThat(limiter.take("app:a")).isEqualTo(new RateDecision(true, 3, 2, 1_700_000_020L));
        assertThat(limiter.take("app:a").remaining()).isEqualTo(1);
        assertThat(limiter.take("app:a").remaining()).isEqualTo(0);
        RateDecision refused = limiter.take("app:a");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.remaining()).isZero();
        assertThat(refused.resetEpochSeconds()).as("full again 60 s after emptying").isEqualTo(1_700_000_060L);
    }

    @Test
    void refillsContinuouslyToTheLimitOverSixtySeconds() {
        limiter.setLimit("app:a", 60);
        for (int i = 0; i < 60; i++) {
            assertThat(limiter.take("app:a").allowed()).isTrue();
        }
        assertThat(limiter.take("app:a").allowed()).isFalse();
        millis.addAndGet(1_000);
        RateDecision one = limiter.take("app:a");
        assertThat(one.allowed()).as("one point per second at 60/min").isTrue();
        assertThat(one.remaining()).isZero();
        millis.addAndGet(120_000);
        assertThat(limiter.take("app:a").remaining()).as("never above the limit").isEqualTo(59);
    }

    @Test
    void bucketsAreIndependentAndCountRequestsRejectionsAndTheBusiestMinute() {
        limiter.setLimit("app:a", 2);
        limiter.take("app:a");
        limiter.take("app:a");
        limiter.take("app:a");
        limiter.take("user:a:1");
        BucketStats a = limiter.stats().stream().filter(s -> s.bucket().equals("app:a")).findFirst().orElseThrow();
        assertThat(a.requests()).isEqualTo(2);
        assertThat(a.rejected()).isEqualTo(1);
        assertThat(a.maxPerMinute()).isEqualTo(2);
        BucketStats user = limiter.stats().stream().filter(s -> s.bucket().equals("user:a:1")).findFirst().orElseThrow();
        assertThat(user.limit()).isEqualTo(800);
        assertThat(user.remaining()).isEqualTo(799);
    }

    @Test
    void busiestSixtySecondWindowSlides() {
        RateLimiter wide = new RateLimiter(millis::get, 1000);
        for (int i = 0; i < 30; i++) {
            wide.take("app:x");
            millis.addAndGet(1_000);
        }
        millis.addAndGet(31_000);
        for (int i = 0; i < 50; i++) {
            wide.take("app:x");
        }
        // 30 calls at 0..29 s, then 50 at 61 s: the window (1 s, 61 s] holds the calls at 2..29 s and the 50
        assertThat(wide.stats().get(0).maxPerMinute()).isEqualTo(78);
        assertThat(wide.stats().get(0).requests()).isEqualTo(80);
    }

    @Test
    void stormRefusesWithoutSpending() {
        RateDecision storm = limiter.storm("app:s");
        assertThat(storm.allowed()).isFalse();
        assertThat(storm.remaining()).isZero();
        assertThat(limiter.take("app:s").remaining()).isEqualTo(799);
        assertThat(limiter.stats().get(0).rejected()).isEqualTo(1);
    }
}
