package io.lurker.emulator.fault;

/** What to do to one call: delay it, fail it with a status (0: don't), or refuse it with 429. */
public record FaultDecision(long latencyMs, int errorStatus, boolean rateLimitStorm) {

    public static final FaultDecision NONE = new FaultDecision(0, 0, false);
}
