package io.lurker.emulator.fault;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Faults per endpoint ({@code /helix/streams}, {@code /oauth2/token}, ... or {@code *} for
 * every endpoint). Which calls fail is drawn from a generator seeded per fault, so a drill
 * that sends the same calls in the same order sees the same failures.
 */
@ApplicationScoped
public class FaultInjector {

    public static final String ALL = "*";

    private final Map<String, Entry> faults = new ConcurrentHashMap<>();

    public void set(String endpoint, FaultSpec spec, long seed) {
        faults.put(normalise(endpoint), new Entry(spec, new SplittableRandom(seed)));
    }

    public boolean clear(String endpoint) {
        return faults.remove(normalise(endpoint)) != null;
    }

    public void clearAll() {
        faults.clear();
    }

    public Map<String, FaultSpec> all() {
        Map<String, FaultSpec> copy = new TreeMap<>();
        faults.forEach((k, v) -> copy.put(k, v.spec));
        return copy;
    }

    public FaultDecision decide(String endpoint) {
        if (faults.isEmpty()) {
            return FaultDecision.NONE;
        }
        Entry entry = faults.get(endpoint);
        if (entry == null) {
            entry = faults.get(ALL);
        }
        if (entry == null) {
            return FaultDecision.NONE;
        }
        FaultSpec spec = entry.spec;
        boolean fail;
        synchronized (entry) {
            fail = spec.errorRate() > 0 && entry.random.nextDouble() < spec.errorRate();
        }
        return new FaultDecision(spec.latencyMs(), fail ? spec.errorStatus() : 0, spec.rateLimitStorm());
    }

    static String normalise(String endpoint) {
        if (endpoint == null || endpoint.isBlank()) {
            throw new IllegalArgumentException("endpoint is required, e.g. /helix/streams or *");
        }
        String e = endpoint.trim();
        if (e.equals(ALL)) {
            return e;
        }
        if (!e.startsWith("/")) {
            e = "/" + e;
        }
        return e.endsWith("/") ? e.substring(0, e.length() - 1) : e;
    }

    private static final class Entry {
        final FaultSpec spec;
        final SplittableRandom random;

        Entry(FaultSpec spec, SplittableRandom random) {
            this.spec = spec;
            this.random = random;
        }
    }
}
