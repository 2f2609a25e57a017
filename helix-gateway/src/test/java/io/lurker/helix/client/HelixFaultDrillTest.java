package io.lurker.helix.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.lurker.contracts.RoutingKeys;
import io.lurker.contracts.control.WatchlistChanged;
import io.lurker.contracts.control.WatchlistEntry;
import io.lurker.emulator.testing.EmulatorAdmin;
import io.lurker.emulator.testing.EmulatorTestResource;
import io.lurker.emulator.testing.InjectEmulatorAdmin;
import io.lurker.helix.service.Watchlist;
import io.lurker.helix.support.EventsProbe;
import io.lurker.tokenpool.model.BucketKey;
import io.lurker.tokenpool.model.NewToken;
import io.lurker.tokenpool.model.TokenState;
import io.lurker.tokenpool.service.TokenPoolAdmin;
import io.lurker.tokenpool.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * Fault drill 7, short (issue 9): the collectors run on their schedule and a client hammers the
 * typed API while Twitch (the emulator) answers 10 % 5xx, then a 429 storm, then one of the
 * pool's tokens is revoked. The emulator's counters are the witness:
 * <ul>
 * <li>no bucket over its limit: outside the storm Twitch never had to refuse a call (0 real 429s),
 *     and no bucket served more than a token bucket allows;</li>
 * <li>every typed call answered — data, or a 503/504 problem+json with {@code Retry-After} —
 *     and none hung;</li>
 * <li>the revoked token is marked invalid and never sent again;</li>
 * <li>once the faults stop, the collectors publish again and the API answers with data, with no
 *     manual step.</li>
 * </ul>
 * Two app clients of its own (two buckets, one with two tokens), so other tests' buckets and
 * tokens are untouched. The full drill with packaged jars is {@code bench/drills/drill-7-helix-faults.sh}.
 */
@QuarkusTest
@TestProfile(HelixFaultDrillTest.CollectorsRunning.class)
@WithTestResource(value = EmulatorTestResource.class, initArgs = {
        @ResourceArg(name = EmulatorTestResource.SIZE, value = "small"),
        @ResourceArg(name = EmulatorTestResource.PROPERTIES, value = "lurker.emulator.clips-page-cap=50")})
class HelixFaultDrillTest {

    /** The stream monitor polls every 2 s on the scheduler; the other collectors are off; calls get an 8 s deadline. */
    public static class CollectorsRunning implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(
                    Map.entry("lurker.helix.collectors.enabled", "true"),
                    Map.entry("lurker.helix.collectors.tick", "1s"),
                    Map.entry("lurker.helix.collectors.jitter", "0"),
                    Map.entry("lurker.helix.collectors.lease-ttl", "15s"),
                    Map.entry("lurker.helix.collectors.jobs.streams.interval", "2s"),
                    Map.entry("lurker.helix.collectors.jobs.categories.enabled", "false"),
                    Map.entry("lurker.helix.collectors.jobs.clips.enabled", "false"),
                    Map.entry("lurker.helix.collectors.jobs.clip-views.enabled", "false"),
                    Map.entry("lurker.helix.collectors.jobs.vods.enabled", "false"),
                    Map.entry("lurker.helix.collectors.jobs.channels.enabled", "false"),
                    Map.entry("lurker.helix.deadline", DEADLINE.toSeconds() + "s"));
        }
    }

    static final Duration DEADLINE = Duration.ofSeconds(8);
    /** Points per minute of each of the drill's buckets, at Twitch and in the pool. */
    static final int LIMIT = 240;
    static final int CALLERS = 6;
    /** A call without an answer after this long hung (the deadline plus room for a loaded machine). */
    static final Duration HUNG = DEADLINE.plusSeconds(40);

    @InjectEmulatorAdmin
    EmulatorAdmin emulator;

    @Inject
    TokenPoolAdmin pool;

    @Inject
    Watchlist watchlist;

    @Inject
    EventsProbe probe;

    @TestHTTPResource("/")
    URL base;

    /** One typed call as the client saw it. */
    record Call(String phase, long startedMs, long tookMs, int status, String contentType, String retryAfter, String failure) {
    }

    @Test
    void fiveHundredsAStormAndARevokedTokenLeaveEveryBucketWithinItsLimitAndTheApiAnswering() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String clientA = "drill7-a-" + run;
        String clientB = "drill7-b-" + run;
        List<String> bucketKeys = List.of("app:" + clientA, "app:" + clientB);
        for (String client : List.of(clientA, clientB)) {
            emulator.addClient(client, client + "-secret");
            emulator.setRateLimit("app:" + client, LIMIT);
            pool.configureBucketLimit(BucketKey.app(client), LIMIT).await().atMost(Duration.ofSeconds(10));
        }
        String revokedAccess = emulator.appToken(clientA, clientA + "-secret");
        String revokedId = put(clientA, revokedAccess);
        put(clientA, emulator.appToken(clientA, clientA + "-secret"));
        put(clientB, emulator.appToken(clientB, clientB + "-secret"));
        watchChannels();

        List<Call> calls = new ArrayList<>();
        ConcurrentLinkedQueue<Call> answered = new ConcurrentLinkedQueue<>();
        AtomicReference<String> phase = new AtomicReference<>("warm-up");
        AtomicBoolean stop = new AtomicBoolean();
        List<String> userIds = userIds();
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        try {
            // the collectors run on their own: the first snapshot comes from the scheduler
            await().atMost(Duration.ofSeconds(60)).until(() -> !probe.of(RoutingKeys.STREAM_SNAPSHOT).isEmpty());
            for (int i = 0; i < CALLERS; i++) {
                callers.submit(() -> hammer(userIds, phase, stop, answered));
            }
            Thread.sleep(2_000);

            // 1. 10 % 5xx on every endpoint (500 anywhere, 502 on games, 503 on users)
            phase.set("5xx");
            long snapshotsBefore5xx = probe.of(RoutingKeys.STREAM_SNAPSHOT).size();
            JsonNode start = emulator.counters();
            fiveHundreds(false);
            await().atMost(Duration.ofSeconds(40)).until(() -> probe.of(RoutingKeys.STREAM_SNAPSHOT).size() >= snapshotsBefore5xx + 2);
            Thread.sleep(3_000);

            // 2. a 429 storm until both buckets were refused
            JsonNode beforeStorm = emulator.counters();
            phase.set("storm");
            fiveHundreds(true);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> bucketKeys.stream().allMatch(b -> rejected(emulator.counters(), b) > rejected(beforeStorm, b)));
            fiveHundreds(false);
            JsonNode afterStorm = emulator.counters();
            Instant stormEnded = Instant.now();

            // 3. one of the pool's tokens revoked at Twitch (the buckets are blocked until the storm's reset)
            phase.set("revoked");
            emulator.revokeToken(revokedAccess);
            long unauthorizedAtRevocation = unauthorized(emulator.counters());
            await().atMost(Duration.ofSeconds(120)).until(() ->
                    pool.token(revokedId).await().atMost(Duration.ofSeconds(10)).orElseThrow().state() == TokenState.INVALID);
            Thread.sleep(3_000); // calls that leased it just before it was marked have been sent
            long unauthorizedWhenInvalid = unauthorized(emulator.counters());

            // 4. faults off: everything recovers by itself
            emulator.clearFaults();
            phase.set("recovery");
            Instant faultsCleared = Instant.now();
            long snapshotsAtClear = probe.of(RoutingKeys.STREAM_SNAPSHOT).size();
            await().atMost(Duration.ofSeconds(60)).until(() -> probe.of(RoutingKeys.STREAM_SNAPSHOT).size() >= snapshotsAtClear + 2
                    && answered.stream().filter(c -> c.phase().equals("recovery") && c.status() == 200).count() >= 10);
            Duration recovery = Duration.between(faultsCleared, Instant.now());
            Duration sinceStorm = Duration.between(stormEnded, Instant.now());
            stop.set(true);
            callers.shutdown();
            assertThat(callers.awaitTermination(HUNG.toSeconds() + 10, TimeUnit.SECONDS)).as("every caller finished").isTrue();
            calls.addAll(answered);
            JsonNode end = emulator.counters();

            report(calls, start, end, bucketKeys, unauthorizedAtRevocation, unauthorizedWhenInvalid, recovery, sinceStorm);

            // the drill did happen: retries on 5xx, the storm refused calls, the API was told to wait
            assertThat(fiveXx(end) - fiveXx(start)).as("5xx answers from the emulator").isPositive();
            assertThat(calls).as("503s while the buckets were blocked").anyMatch(c -> c.status() == 503);
            assertThat(calls).as("data during the 5xx phase").anyMatch(c -> c.phase().equals("5xx") && c.status() == 200);

            // every call answered: data, or a clear 503/504 problem+json with Retry-After; none hung
            assertThat(calls).allSatisfy(c -> {
                assertThat(c.failure()).as("call at %d ms in phase %s", c.startedMs(), c.phase()).isNull();
                assertThat(c.status()).as("status in phase %s", c.phase()).isIn(200, 503, 504);
                if (c.status() != 200) {
                    assertThat(c.contentType()).startsWith("application/problem+json");
                    assertThat(c.retryAfter()).as("Retry-After").isNotNull().matches("[1-9][0-9]*");
                }
            });

            // no bucket over its limit: Twitch refused calls only during the storm
            for (String bucket : bucketKeys) {
                assertThat(rejected(beforeStorm, bucket) - rejected(start, bucket)).as("429s before the storm, %s", bucket).isZero();
                assertThat(rejected(end, bucket) - rejected(afterStorm, bucket)).as("429s after the storm, %s", bucket).isZero();
            }
            for (JsonNode bucket : end.path("buckets")) {
                assertThat(bucket.path("max_per_minute").asInt()).as("bucket %s", bucket.path("bucket").asText())
                        .isLessThanOrEqualTo(2 * bucket.path("limit").asInt());
            }

            // the revoked token: a few calls in flight met the 401, then never again
            assertThat(unauthorizedWhenInvalid - unauthorizedAtRevocation).as("401s before the pool marked it invalid")
                    .isBetween(1L, (long) CALLERS + 2);
            assertThat(unauthorized(end)).as("the invalid token is never sent again").isEqualTo(unauthorizedWhenInvalid);
        } finally {
            stop.set(true);
            callers.shutdownNow();
            emulator.clearFaults();
        }
    }

    private String put(String client, String access) {
        return pool.putToken(NewToken.app(client, access, Instant.now().plus(Duration.ofDays(1))))
                .await().atMost(Duration.ofSeconds(10)).id();
    }

    /** The stream monitor watches the first 20 live channels (analytics is unreachable here: the delta path). */
    private void watchChannels() {
        List<WatchlistEntry> added = StreamSupport.stream(emulator.truthLiveStreams(null).path("data").spliterator(), false)
                .limit(20)
                .map(c -> new WatchlistEntry(WatchlistEntry.Kind.CHANNEL, c.path("user_id").asText(), c.path("user_login").asText()))
                .toList();
        watchlist.apply(new WatchlistChanged(1, 7_000_000 + ThreadLocalRandom.current().nextInt(1_000_000), Instant.now(), added,
                List.of()));
    }

    private List<String> userIds() {
        return StreamSupport.stream(emulator.truthLiveStreams(null).path("data").spliterator(), false)
                .map(s -> s.path("user_id").asText()).limit(200).toList();
    }

    /** 10 % of calls fail: 502 on /helix/games, 503 on /helix/users, 500 everywhere else; with a 429 storm if asked. */
    private void fiveHundreds(boolean storm) {
        emulator.setFault("*", 0.1, 500, 0, storm);
        emulator.setFault("/helix/games", 0.1, 502, 0, storm);
        emulator.setFault("/helix/users", 0.1, 503, 0, storm);
    }

    /** A caller: typed users and games reads back to back (200 ms apart after a refusal), each answer recorded with the phase it started in. */
    private void hammer(List<String> userIds, AtomicReference<String> phase, AtomicBoolean stop, ConcurrentLinkedQueue<Call> out) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String token = TestTokens.read();
        long t0 = System.nanoTime();
        while (!stop.get()) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String path = random.nextBoolean()
                    ? "api/v1/helix/users?id=" + userIds.get(random.nextInt(userIds.size()))
                    : "api/v1/helix/games?name=" + URLEncoder.encode(random.nextBoolean() ? "Minecraft" : "Just Chatting", StandardCharsets.UTF_8);
            String inPhase = phase.get();
            long started = System.nanoTime();
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                        .header("Authorization", "Bearer " + token).timeout(HUNG).build(), HttpResponse.BodyHandlers.ofString());
                out.add(new Call(inPhase, (started - t0) / 1_000_000, (System.nanoTime() - started) / 1_000_000,
                        response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                        response.headers().firstValue("Retry-After").orElse(null), null));
                if (response.statusCode() != 200) {
                    Thread.sleep(200); // told to come back later: a short pause, so that the drill does not spin
                }
            } catch (Exception e) {
                out.add(new Call(inPhase, (started - t0) / 1_000_000, (System.nanoTime() - started) / 1_000_000, 0, "", null,
                        e.getClass().getSimpleName()));
                if (e instanceof InterruptedException) {
                    return;
                }
            }
        }
    }

    private static long rejected(JsonNode counters, String bucket) {
        for (JsonNode node : counters.path("buckets")) {
            if (bucket.equals(node.path("bucket").asText())) {
                return node.path("rejected").asLong();
            }
        }
        return 0;
    }

    private static long statusCount(JsonNode counters, java.util.function.IntPredicate status) {
        long total = 0;
        for (JsonNode endpoint : counters.path("statuses")) {
            var fields = endpoint.fields();
            while (fields.hasNext()) {
                var field = fields.next();
                if (status.test(Integer.parseInt(field.getKey()))) {
                    total += field.getValue().asLong();
                }
            }
        }
        return total;
    }

    /** Every 401 from Helix: only a revoked token gets one here. */
    private static long unauthorized(JsonNode counters) {
        return statusCount(counters, s -> s == 401);
    }

    private static long fiveXx(JsonNode counters) {
        return statusCount(counters, s -> s >= 500);
    }

    private static void report(List<Call> calls, JsonNode start, JsonNode end, List<String> buckets, long unauthorizedAtRevocation,
                               long unauthorizedWhenInvalid, Duration recovery, Duration sinceStorm) {
        Map<String, Map<Integer, Integer>> byPhase = new TreeMap<>();
        calls.forEach(c -> byPhase.computeIfAbsent(c.phase(), p -> new TreeMap<>()).merge(c.status(), 1, Integer::sum));
        long maxMs = calls.stream().mapToLong(Call::tookMs).max().orElse(0);
        StringBuilder out = new StringBuilder("drill 7 (short): ").append(calls.size()).append(" typed calls, max ")
                .append(maxMs).append(" ms (deadline ").append(DEADLINE.toMillis()).append(" ms); statuses by phase ").append(byPhase)
                .append("; emulator 5xx ").append(fiveXx(end) - fiveXx(start));
        for (JsonNode bucket : end.path("buckets")) {
            if (buckets.contains(bucket.path("bucket").asText())) {
                out.append("; ").append(bucket.path("bucket").asText()).append(" limit ").append(bucket.path("limit").asInt())
                        .append(" max/min ").append(bucket.path("max_per_minute").asInt()).append(" requests ")
                        .append(bucket.path("requests").asLong()).append(" rejected ").append(bucket.path("rejected").asLong());
            }
        }
        out.append("; 401s ").append(unauthorizedWhenInvalid - unauthorizedAtRevocation).append(" until invalid, ")
                .append(unauthorized(end) - unauthorizedWhenInvalid).append(" after; recovery ").append(recovery.toMillis())
                .append(" ms after the faults stopped, ").append(sinceStorm.toMillis()).append(" ms after the storm");
        System.out.println(out);
    }
}
