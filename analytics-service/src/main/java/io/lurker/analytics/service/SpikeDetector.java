package io.lurker.analytics.service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds chat-rate spikes in per-minute message counts against a rolling baseline of the
 * preceding minutes (REFERENCE §7): with {@code zscore}, a minute is a spike when
 * (count − mean) ÷ max(stddev, 1) ≥ threshold; with {@code ratio}, when count ≥ threshold ×
 * the baseline's median (and the median is at least 1). Minutes under {@code minMessages}
 * never count. Consecutive spike minutes form one highlight.
 */
public final class SpikeDetector {

    public enum Method { ZSCORE, RATIO }

    /** A highlight as minute indexes into the counts: first, peak and last spike minute. */
    public record Spike(int start, int peak, int end, double score) {
    }

    private final Method method;
    private final double threshold;
    private final int baselineMinutes;
    private final int minMessages;

    public SpikeDetector(Method method, double threshold, int baselineMinutes, int minMessages) {
        this.method = method;
        this.threshold = threshold;
        this.baselineMinutes = baselineMinutes;
        this.minMessages = minMessages;
    }

    public List<Spike> detect(long[] counts) {
        List<Spike> spikes = new ArrayList<>();
        int start = -1;
        int peak = -1;
        double best = 0;
        for (int i = 0; i <= counts.length; i++) {
            double score = i < counts.length ? score(counts, i) : Double.NaN;
            boolean spike = !Double.isNaN(score) && score >= threshold && counts[i] >= minMessages;
            if (spike) {
                if (start < 0) {
                    start = i;
                    peak = i;
                    best = score;
                } else if (counts[i] > counts[peak]) {
                    peak = i;
                }
                best = Math.max(best, score);
            } else if (start >= 0) {
                spikes.add(new Spike(start, peak, i - 1, Math.round(best * 100) / 100.0));
                start = -1;
            }
        }
        return spikes;
    }

    /** The minute's score against the minutes before it; NaN while the baseline is not full. */
    double score(long[] counts, int i) {
        if (i < baselineMinutes) {
            return Double.NaN;
        }
        long[] base = Arrays.copyOfRange(counts, i - baselineMinutes, i);
        if (method == Method.ZSCORE) {
            double mean = Arrays.stream(base).average().orElse(0);
            double variance = Arrays.stream(base).mapToDouble(v -> (v - mean) * (v - mean)).sum() / base.length;
            return (counts[i] - mean) / Math.max(Math.sqrt(variance), 1);
        }
        long[] sorted = base.clone();
        Arrays.sort(sorted);
        double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0;
        return counts[i] / Math.max(median, 1);
    }
}
