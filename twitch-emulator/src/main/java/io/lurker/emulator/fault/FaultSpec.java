package io.lurker.emulator.fault;

/**
 * Faults of one endpoint: a share of calls answered with {@code errorStatus} (500, 502 or
 * 503), added latency, and a 429 storm (every call refused with empty-bucket headers).
 */
public record FaultSpec(double errorRate, int errorStatus, long latencyMs, boolean rateLimitStorm) {

    public FaultSpec {
        if (errorRate < 0 || errorRate > 1) {
            throw new IllegalArgumentException("error_rate must be between 0 and 1");
        }
        if (errorRate > 0 && errorStatus != 500 && errorStatus != 502 && errorStatus != 503) {
            throw new IllegalArgumentException("error_status must be 500, 502 or 503");
        }
        if (latencyMs < 0 || latencyMs > 120_000) {
            throw new IllegalArgumentException("latency_ms must be between 0 and 120000");
        }
    }
}
