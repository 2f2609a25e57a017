package io.lurker.analytics.service;

import java.time.Instant;

/**
 * How a number was made, carried by every analytics answer.
 *
 * @param averageMethod         e.g. time-weighted (Σ viewers × Δt ÷ live time)
 * @param sampleIntervalSeconds the poll interval of the samples used (the most common one)
 * @param gapThresholdSeconds   gaps between polls longer than this are missing data, not zero
 * @param coveragePercent       share of the window covered by polls (within the threshold)
 * @param trackedSince          first sample Lurker holds for the subject
 * @param note                  anything else the reader must know
 */
public record Methodology(String averageMethod, Integer sampleIntervalSeconds, Integer gapThresholdSeconds,
        Double coveragePercent, Instant trackedSince, String note) {

    public static final String TIME_WEIGHTED = "time-weighted: Σ(viewers × Δt) ÷ live time; each poll counts until the "
            + "next poll of the channel unless that is more than two poll intervals away";
}
