package io.lurker.bench.tokenpool;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lurker.tokenpool.model.TokenRequirements;
import io.lurker.tokenpool.service.StandalonePool;
import io.quarkus.runtime.LaunchMode;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One replica of a gateway, as its own JVM: {@code concurrency} callers that each lease an app
 * token, call the upstream with it, report the answer to the pool and start over, until the
 * run ends. Writes its tallies and lease latencies as JSON to {@code --out}. Started by
 * {@link LeaseLoadHarness}.
 */
public final class LeaseClientProcess {

    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();
    private final AtomicLong otherStatus = new AtomicLong();
    private final AtomicLong upstreamErrors = new AtomicLong();
    private final AtomicLong leaseFailures = new AtomicLong();
    private final Map<String, AtomicLong> acceptedByClient = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Long> leaseMicros = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> failureKinds = new ConcurrentLinkedQueue<>();

    public static void main(String[] args) throws Exception {
        BenchOptions options = new BenchOptions(args, Map.of());
        new LeaseClientProcess().run(options);
        System.exit(0);
    }

    private void run(BenchOptions options) throws Exception {
        Vertx vertx = Vertx.vertx();
        Redis redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(options.get("redis"))
                .setMaxPoolWaiting(4096).setMaxPoolSize(16));
        StandalonePool standalone = StandalonePool.create(vertx, redis, LeaseLoadHarness.poolProperties(options), LaunchMode.NORMAL);
        Upstream upstream = LeaseLoadHarness.upstream(options, vertx, redis);
        TokenRequirements requirements = TokenRequirements.app();
        Duration maxWait = Duration.ofSeconds(options.integer("max-wait-seconds"));
        int concurrency = options.integer("concurrency");
        // every process starts at the same instant, so that none gets the full bucket to itself
        // just because its JVM started first
        long startAt = Long.parseLong(options.get("start-at"));
        Thread.sleep(Math.max(0, startAt - System.currentTimeMillis()));
        long startMs = System.currentTimeMillis();
        long endNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.integer("duration"));
        CountDownLatch done = new CountDownLatch(concurrency);

        for (int c = 0; c < concurrency; c++) {
            new Runnable() {
                @Override
                public void run() {
                    if (System.nanoTime() >= endNanos) {
                        done.countDown();
                        return;
                    }
                    long t0 = System.nanoTime();
                    standalone.pool.lease(requirements, maxWait).subscribe().with(lease -> {
                        leaseMicros.add((System.nanoTime() - t0) / 1000);
                        upstream.call(lease)
                                .call(answer -> {
                                    record(answer.status(), lease.clientId());
                                    return lease.report(answer.status(), answer.headers());
                                })
                                .subscribe().with(ok -> run(), e -> {
                                    upstreamErrors.incrementAndGet();
                                    failureKinds.add("+" + (System.currentTimeMillis() - startMs) / 1000 + "s " + describe(e));
                                    run();
                                });
                    }, e -> {
                        leaseFailures.incrementAndGet();
                        failureKinds.add("+" + (System.currentTimeMillis() - startMs) / 1000 + "s " + describe(e));
                        run();
                    });
                }
            }.run();
        }
        done.await(options.integer("duration") + 120L, TimeUnit.SECONDS);
        long endMs = System.currentTimeMillis();

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("process", options.get("process"));
        result.put("startMs", startMs);
        result.put("endMs", endMs);
        result.put("accepted", accepted.get());
        result.put("throttled", throttled.get());
        result.put("otherStatus", otherStatus.get());
        result.put("upstreamErrors", upstreamErrors.get());
        result.put("leaseFailures", leaseFailures.get());
        Map<String, Long> byClient = new LinkedHashMap<>();
        acceptedByClient.forEach((k, v) -> byClient.put(k, v.get()));
        result.put("acceptedByClient", byClient);
        result.put("failureKinds", new ArrayList<>(failureKinds).stream().distinct().toList());
        List<Long> micros = new ArrayList<>(leaseMicros);
        result.put("leaseMicros", micros);
        new ObjectMapper().writeValue(new File(options.get("out")), result);
        upstream.close();
        redis.close();
        vertx.closeAndAwait();
    }

    private static String describe(Throwable e) {
        String text = e.getClass().getSimpleName();
        if (e.getCause() != null) {
            text += " caused by " + e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage();
        }
        return text;
    }

    private void record(int status, String clientId) {
        if (status / 100 == 2) {
            accepted.incrementAndGet();
            acceptedByClient.computeIfAbsent(clientId, k -> new AtomicLong()).incrementAndGet();
        } else if (status == 429) {
            throttled.incrementAndGet();
        } else {
            otherStatus.incrementAndGet();
        }
    }
}
