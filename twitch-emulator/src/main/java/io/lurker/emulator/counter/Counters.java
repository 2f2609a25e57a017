package io.lurker.emulator.counter;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Requests per endpoint and per (endpoint, status): what benchmarks and fault drills assert on. */
@ApplicationScoped
public class Counters {

    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, Map<Integer, LongAdder>> statuses = new ConcurrentHashMap<>();

    public void count(String endpoint, int status) {
        requests.computeIfAbsent(endpoint, k -> new LongAdder()).increment();
        statuses.computeIfAbsent(endpoint, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(status, k -> new LongAdder()).increment();
    }

    public Map<String, Long> requestsPerEndpoint() {
        Map<String, Long> copy = new TreeMap<>();
        requests.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }

    public Map<String, Map<String, Long>> statusesPerEndpoint() {
        Map<String, Map<String, Long>> copy = new TreeMap<>();
        statuses.forEach((endpoint, map) -> {
            Map<String, Long> inner = new TreeMap<>();
            map.forEach((status, count) -> inner.put(Integer.toString(status), count.sum()));
            copy.put(endpoint, inner);
        });
        return copy;
    }

    public void reset() {
        requests.clear();
        statuses.clear();
    }
}
