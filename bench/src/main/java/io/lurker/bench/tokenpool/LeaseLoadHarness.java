package io.lurker.bench.tokenpool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lurker.tokenpool.model.BucketKey;
import io.lurker.tokenpool.model.BucketView;
import io.lurker.tokenpool.model.NewToken;
import io.lurker.tokenpool.service.StandalonePool;
import io.quarkus.runtime.LaunchMode;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.RedisOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The token-pool load harness: K lease-client processes ({@link LeaseClientProcess}) share N
 * buckets (one app client id each, two tokens per bucket) through one Redis for a while, each
 * calling the upstream with every leased token. Reports upstream 429s (target 0), utilisation =
 * accepted requests ÷ what the buckets allowed over the run (target ≥ 95 %), lease latency
 * p50/p99, and each process's share.
 *
 * <pre>
 * java -cp ... io.lurker.bench.tokenpool.LeaseLoadHarness --processes 3 --buckets 1 --duration 180
 * java -cp ... io.lurker.bench.tokenpool.LeaseLoadHarness --upstream emulator \
 *      --helix-url http://127.0.0.1:8090/helix --id-url http://127.0.0.1:8090 \
 *      --clients id1:secret1,id2:secret2,id3:secret3 --buckets 3
 * </pre>
 *
 * Upstreams: {@code simulated} (default; Twitch's bucket per client id modelled in Redis,
 * {@link SimulatedTwitchUpstream}) or {@code emulator} (real HTTP, {@link HelixEmulatorUpstream}).
 */
public final class LeaseLoadHarness {

    static final String KEY_ENV = "LURKER_BENCH_TOKEN_POOL_KEY";

    private static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("redis", "redis://127.0.0.1:6379"),
            Map.entry("processes", "3"),
            Map.entry("buckets", "1"),
            Map.entry("tokens-per-bucket", "2"),
            Map.entry("duration", "180"),
            Map.entry("concurrency", "4"),
            Map.entry("limit", "800"),
            Map.entry("max-wait-seconds", "30"),
            Map.entry("upstream", "simulated"),
            Map.entry("latency-ms", "20"),
            Map.entry("helix-url", "http://127.0.0.1:8090/helix"),
            Map.entry("helix-path", "/games/top?first=1"),
            Map.entry("id-url", "http://127.0.0.1:8090"),
            Map.entry("clients", ""));

    public static void main(String[] args) throws Exception {
        BenchOptions options = new BenchOptions(args, DEFAULTS);
        String run = UUID.randomUUID().toString();
        Map<String, String> derived = new HashMap<>();
        derived.put("prefix", "lurker-bench:" + run + ":auth:");
        derived.put("twitch-prefix", "lurker-bench:" + run + ":twitch:");
        List<String> childArgs = new ArrayList<>(options.asArgs());
        derived.forEach((k, v) -> {
            childArgs.add("--" + k);
            childArgs.add(v);
        });
        BenchOptions full = new BenchOptions(childArgs.toArray(String[]::new), Map.of());
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String base64Key = Base64.getEncoder().encodeToString(key);

        Vertx vertx = Vertx.vertx();
        Redis redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(full.get("redis")));
        try {
            System.setProperty(KEY_ENV, base64Key);
            StandalonePool standalone = StandalonePool.create(vertx, redis, poolProperties(full), LaunchMode.NORMAL);
            List<String> clientIds = seed(full, standalone);
            System.err.printf("token-pool harness: %s upstream, %d processes x %d callers, %d bucket(s) %s, %d s%n",
                    full.get("upstream"), full.integer("processes"), full.integer("concurrency"), clientIds.size(),
                    clientIds, full.integer("duration"));

            Path dir = Files.createTempDirectory("token-pool-bench");
            List<Process> processes = new ArrayList<>();
            String startAt = String.valueOf(System.currentTimeMillis() + 10_000);
            for (int p = 0; p < full.integer("processes"); p++) {
                List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "-XX:+UseSerialGC",
                        "-cp", System.getProperty("java.class.path"), LeaseClientProcess.class.getName()));
                command.addAll(full.asArgs());
                command.addAll(List.of("--start-at", startAt, "--process", String.valueOf(p), "--out", dir.resolve("process-" + p + ".json").toString()));
                ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT)
                        .redirectOutput(ProcessBuilder.Redirect.INHERIT);
                builder.environment().put(KEY_ENV, base64Key);
                processes.add(builder.start());
            }
            for (Process process : processes) {
                if (!process.waitFor(full.integer("duration") + 180L, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("A lease client did not finish");
                }
            }
            List<JsonNode> results = new ArrayList<>();
            ObjectMapper json = new ObjectMapper();
            for (int p = 0; p < processes.size(); p++) {
                results.add(json.readTree(dir.resolve("process-" + p + ".json").toFile()));
            }
            List<BucketView> buckets = standalone.pool.buckets().await().atMost(Duration.ofSeconds(10));
            System.out.println(report(full, clientIds, results, buckets, redis));
        } finally {
            deleteKeys(redis, full.get("prefix"));
            deleteKeys(redis, full.get("twitch-prefix"));
            redis.close();
            vertx.closeAndAwait();
        }
        // Mutiny's default executor keeps a non-daemon thread
        System.exit(0);
    }

    static Map<String, String> poolProperties(BenchOptions options) {
        String key = System.getenv(KEY_ENV) != null ? System.getenv(KEY_ENV) : System.getProperty(KEY_ENV);
        return Map.of("lurker.token-pool.prefix", options.get("prefix"),
                "lurker.token-pool.default-limit", options.get("limit"),
                "lurker.token-pool.encryption.keys.bench", key,
                "lurker.token-pool.encryption.active-key", "bench");
    }

    static Upstream upstream(BenchOptions options, Vertx vertx, Redis redis) {
        return switch (options.get("upstream")) {
            case "simulated" -> new SimulatedTwitchUpstream(vertx, redis, options.get("twitch-prefix"), options.integer("limit"),
                    options.integer("latency-ms"));
            case "emulator" -> new HelixEmulatorUpstream(options.get("helix-url"), options.get("helix-path"));
            default -> throw new IllegalArgumentException("--upstream is simulated or emulator");
        };
    }

    /** N client ids with their bucket limit and tokens; returns the client ids. */
    private static List<String> seed(BenchOptions options, StandalonePool standalone) throws Exception {
        int buckets = options.integer("buckets");
        int tokensPerBucket = options.integer("tokens-per-bucket");
        List<String> clientIds = new ArrayList<>();
        boolean emulator = options.get("upstream").equals("emulator");
        String[] credentials = options.has("clients") ? options.get("clients").split(",") : new String[0];
        if (emulator && credentials.length < buckets) {
            throw new IllegalArgumentException("--upstream emulator needs --clients id:secret,... with one client per bucket");
        }
        for (int b = 0; b < buckets; b++) {
            String clientId = emulator ? credentials[b].split(":", 2)[0] : "bench-client-" + b;
            clientIds.add(clientId);
            for (int t = 0; t < tokensPerBucket; t++) {
                String token = emulator
                        ? HelixEmulatorUpstream.mintAppToken(options.get("id-url"), clientId, credentials[b].split(":", 2)[1])
                        : "simulated-" + UUID.randomUUID();
                standalone.admin.putToken(NewToken.app(clientId, token, Instant.now().plusSeconds(86_400)))
                        .await().atMost(Duration.ofSeconds(10));
            }
            standalone.admin.configureBucketLimit(BucketKey.app(clientId), options.integer("limit"))
                    .await().atMost(Duration.ofSeconds(10));
        }
        return clientIds;
    }

    private static String report(BenchOptions options, List<String> clientIds, List<JsonNode> results,
                                 List<BucketView> buckets, Redis redis) {
        long accepted = 0;
        long throttled = 0;
        long other = 0;
        long errors = 0;
        long leaseFailures = 0;
        long start = Long.MAX_VALUE;
        long end = 0;
        List<Long> latencies = new ArrayList<>();
        List<String> shares = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (JsonNode r : results) {
            accepted += r.get("accepted").asLong();
            throttled += r.get("throttled").asLong();
            other += r.get("otherStatus").asLong();
            errors += r.get("upstreamErrors").asLong();
            leaseFailures += r.get("leaseFailures").asLong();
            start = Math.min(start, r.get("startMs").asLong());
            end = Math.max(end, r.get("endMs").asLong());
            r.get("leaseMicros").forEach(n -> latencies.add(n.asLong()));
            shares.add(String.valueOf(r.get("accepted").asLong()));
            r.get("failureKinds").forEach(n -> failures.add(n.asText()));
        }
        int limit = options.integer("limit");
        double allowed = 0;
        StringBuilder perBucket = new StringBuilder();
        for (String clientId : clientIds) {
            double bucketAllowed;
            if (options.get("upstream").equals("simulated")) {
                SimulatedTwitchUpstream.Tally tally = SimulatedTwitchUpstream.tally(redis, options.get("twitch-prefix"), clientId);
                // Twitch's bucket starts full and refills limit/min: what it can accept between its first and last call
                bucketAllowed = limit + limit * (tally.lastMs() - tally.firstMs()) / 60_000.0;
                perBucket.append(String.format(Locale.ROOT, "%s: simulated Twitch accepted %d, rejected %d; ",
                        clientId, tally.accepted(), tally.rejected()));
            } else {
                bucketAllowed = limit + limit * (end - start) / 60_000.0;
            }
            allowed += bucketAllowed;
        }
        latencies.sort(Long::compare);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%n| upstream | K | callers/process | N | duration s | accepted | allowed | utilisation | upstream 429s "
                + "| other | lease failures | lease p50 ms | lease p99 ms | lease max ms | accepted per process |%n"));
        out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        out.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %.0f | %d | %.0f | %.1f %% | %d | %d | %d | %.1f | %.1f | %.1f | %s |%n",
                options.get("upstream"), results.size(), options.integer("concurrency"), clientIds.size(), (end - start) / 1000.0,
                accepted, allowed, 100.0 * accepted / allowed, throttled, other + errors, leaseFailures,
                percentile(latencies, 0.50) / 1000.0, percentile(latencies, 0.99) / 1000.0,
                latencies.isEmpty() ? 0 : latencies.get(latencies.size() - 1) / 1000.0, String.join(" / ", shares)));
        out.append('\n').append(perBucket);
        for (BucketView b : buckets) {
            out.append(String.format(Locale.ROOT, "%npool bucket %s: leased %d, 429s reported %d, points left %.1f",
                    b.key(), b.leased(), b.throttled(), b.pointsLeft()));
        }
        if (!failures.isEmpty()) {
            out.append("\nfailure kinds: ").append(failures.stream().distinct().toList());
        }
        return out.toString();
    }

    private static long percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static void deleteKeys(Redis redis, String prefix) {
        String cursor = "0";
        do {
            Response page = redis.send(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(prefix + "*").arg("COUNT").arg(1000))
                    .await().atMost(Duration.ofSeconds(10));
            cursor = page.get(0).toString();
            for (Response key : page.get(1)) {
                redis.send(Request.cmd(Command.DEL).arg(key.toString())).await().atMost(Duration.ofSeconds(10));
            }
        } while (!"0".equals(cursor));
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private LeaseLoadHarness() {
    }
}
