package io.lurker.analytics.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpikeDetectorTest {

    @Test
    void zScoreFindsTheBurstAndJoinsConsecutiveMinutes() {
        // baseline 4 minutes of 10, 12, 8, 10 (mean 10, sd √2 ≈ 1.41); then 20, 30, 10
        long[] counts = {10, 12, 8, 10, 20, 30, 10};
        SpikeDetector detector = new SpikeDetector(SpikeDetector.Method.ZSCORE, 3, 4, 5);
        // minute 4: (20 − 10) / 1.414 = 7.07; minute 5 against 12, 8, 10, 20 (mean 12.5, variance 83 / 4, sd 4.555): 3.84
        assertThat(detector.score(counts, 4)).isCloseTo(7.07, org.assertj.core.data.Offset.offset(0.01));
        assertThat(detector.score(counts, 5)).isCloseTo(3.84, org.assertj.core.data.Offset.offset(0.01));
        assertThat(detector.detect(counts)).containsExactly(new SpikeDetector.Spike(4, 5, 5, 7.07));
    }

    @Test
    void ratioComparesWithTheBaselineMedian() {
        long[] counts = {2, 100, 2, 3, 9, 3};
        SpikeDetector detector = new SpikeDetector(SpikeDetector.Method.RATIO, 3, 4, 5);
        // minute 4: median of 2, 100, 2, 3 is 2.5 → 9 / 2.5 = 3.6 (a mean of 26.75 would hide it)
        assertThat(detector.detect(counts)).containsExactly(new SpikeDetector.Spike(4, 4, 4, 3.6));
    }

    @Test
    void quietChatAndShortHistoryAreNoSpikes() {
        SpikeDetector detector = new SpikeDetector(SpikeDetector.Method.ZSCORE, 3, 3, 5);
        assertThat(detector.detect(new long[] {0, 0, 0, 4})).isEmpty();
        assertThat(detector.detect(new long[] {50, 0})).isEmpty();
        assertThat(detector.detect(new long[] {1, 1, 1, 9, 1, 1, 1, 9}))
                .extracting(SpikeDetector.Spike::start).isEqualTo(List.of(3, 7));
    }
}
