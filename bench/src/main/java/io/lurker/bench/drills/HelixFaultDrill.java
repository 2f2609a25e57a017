package io.lurker.bench.drills;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.lurker.bench.analytics.BenchTokens;
import io.lurker.contracts.RoutingKeys;
import io.lurker.tokenpool.model.BucketKey;
import io.lurker.tokenpool.model.NewToken;
import io.lurker.tokenpool.model.TokenState;
import io.lurker.tokenpool.service.StandalonePool;
import io.quarkus.runtime.LaunchMode;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.RedisOptions;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.IntPredicate;

/**
 * Fault drill 7 (issue 9): Helix 10 % 5xx, a 429 storm and a revoked token, against the packaged
 * jars. The twitch-emulator and helix-gateway (collectors on their schedule: stream monitor and
 * categories) run as processes on the shared Redis and RabbitMQ under prefixes and an exchange of
 * this run; the driver plays auth-service (it puts app tokens of two emulator clients into the
 * pool — two buckets, the first with two tokens) and a client that reads the typed API
 * ({@code /api/v1/helix/users}, {@code /games}) back to back with {@code --callers} threads (pausing
 * 500 ms after a refusal).
 *
 * <p>Phases: baseline → 10 % 5xx (500 anywhere, 502 on games, 503 on users) → a 429 storm on
 * every endpoint until both buckets were refused → one token of the first client revoked at
 * Twitch (5xx still on) until the pool marks it invalid, then {@code --after-revoke} seconds →
 * faults off, recovery (a stream snapshot published and the API answering with data), then
 * {@code --tail} seconds more.
 *
 * <p>Reports typed calls by phase and status, answers within the deadline, calls that hung,
 * each bucket's requests, 429s during and outside the storm and most calls served in any 60 s
 * against its limit (emulator counters), Helix 401s (only the revoked token gets one) before and
 * after the pool marked it invalid, stream snapshots and their longest gap, and the recovery time.
 *
 * <p>Arguments: {@code --baseline 30 --fivexx 60 --after-revoke 30 --tail 30 --callers 8 --limit 300
 * --deadline 30 --streams-interval 10 --categories-interval 60 --redis-url redis://127.0.0.1:6379
 * --amqp-host 127.0.0.1 --amqp-port 5672 --emulator-jar P --gateway-jar P --log-dir D}.
 */
public final class HelixFaultDrill {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One typed call as the client saw it. */
    record Call(String phase, long tookMs, int status, String contentType, String retryAfter, String failure, String why) {
    }

    private final Map<String, String> options;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private String emulator;
    private String gateway;

    private HelixFaultDrill(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.ofEntries(
                Map.entry("baseline", "30"), Map.entry("fivexx", "60"), Map.entry("after-revoke", "30"), Map.entry("tail", "30"),
                Map.entry("callers", "8"), Map.entry("limit", "300"), Map.entry("deadline", "30"),
                Map.entry("streams-interval", "10"), Map.entry("categories-interval", "60"),
                Map.entry("redis-url", "redis://127.0.0.1:6379"), Map.entry("amqp-host", "127.0.0.1"), Map.entry("amqp-port", "5672"),
                Map.entry("emulator-jar", "twitch-emulator/target/quarkus-app/quarkus-run.jar"),
                Map.entry("gateway-jar", "helix-gateway/target/quarkus-app/quarkus-run.jar"),
                Map.entry("log-dir", "bench/target/drills")));
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--") || !options.containsKey(args[i].substring(2))) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; known: " + options.keySet());
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        boolean passed = false;
        try {
            passed = new HelixFaultDrill(options).drill();
        } catch (Exception e) {
            e.printStackTrace();
            System.out.println("drill 7: ABORTED (" + e.getClass().getSimpleName() + ")");
        }
        // exits even when a client library left a non-daemon thread behind
        System.exit(passed ? 0 : 1);
    }

    private int number(String name) {
        return Integer.parseInt(options.get(name));
    }

    private boolean drill() throws Exception {
        Path logs = Path.of(options.get("log-dir"));
        logs.toFile().mkdirs();
        String poolPrefix = "lurker-drill7:" + run + ":auth:";
        String helixPrefix = "lurker-drill7:" + run + ":helix:";
        String exchange = "lurker.events.drill7." + run;
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String encryptionKey = Base64.getEncoder().encodeToString(key);
        BenchTokens tokens = new BenchTokens();
        Duration deadline = Duration.ofSeconds(number("deadline"));
        Duration hung = deadline.plusSeconds(60);
        int limit = number("limit");

        Vertx vertx = Vertx.vertx();
        Redis redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(options.get("redis-url")));
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(options.get("amqp-host"));
        factory.setPort(number("amqp-port"));
        Process emu = null;
        Process gw = null;
        Connection amqp = null;
        ExecutorService callers = Executors.newFixedThreadPool(number("callers"));
        AtomicBoolean stop = new AtomicBoolean();
        try {
            int emulatorPort = freePort();
            emulator = "http://127.0.0.1:" + emulatorPort;
            emu = start(List.of("-Xmx512m", "-Dquarkus.http.port=" + emulatorPort, "-Dquarkus.http.host=127.0.0.1", "-Dlurker.emulator.size=small",
                    "-Dlurker.emulator.irc.port=0", "-Dlurker.emulator.irc.tls-port=0", "-jar", options.get("emulator-jar")),
                    logs.resolve("drill-7-emulator.log"), emulator + "/emulator/clock");

            // the driver plays auth-service: two clients (two buckets), the first with two app tokens
            String clientA = "drill7-a-" + run;
            String clientB = "drill7-b-" + run;
            List<String> buckets = List.of("app:" + clientA, "app:" + clientB);
            StandalonePool pool = StandalonePool.create(vertx, redis, Map.of("lurker.token-pool.prefix", poolPrefix,
                    "lurker.token-pool.encryption.keys.drill", encryptionKey, "lurker.token-pool.encryption.active-key", "drill",
                    "lurker.token-pool.redis-timeout", "10s"),
                    LaunchMode.NORMAL);
            for (String client : List.of(clientA, clientB)) {
                admin("POST", "/emulator/clients", Map.of("client_id", client, "client_secret", client + "-secret"));
                admin("PUT", "/emulator/ratelimits", Map.of("bucket", "app:" + client, "points_per_minute", limit));
                pool.admin.configureBucketLimit(BucketKey.app(client), limit).await().atMost(Duration.ofSeconds(10));
            }
            String revokedAccess = appToken(clientA);
            String revokedId = put(pool, clientA, revokedAccess);
            put(pool, clientA, appToken(clientA));
            put(pool, clientB, appToken(clientB));

            JsonNode live = admin("GET", "/emulator/truth/streams", null).path("data");
            List<String> logins = new ArrayList<>();
            List<String> userIds = new ArrayList<>();
            live.forEach(s -> {
                if (logins.size() < 100) {
                    logins.add(s.path("user_login").asText());
                }
                userIds.add(s.path("user_id").asText());
            });

            amqp = factory.newConnection("drill-7-" + run);
            Channel channel = amqp.createChannel();
            channel.exchangeDeclare(exchange, "topic", true);
            String queue = channel.queueDeclare("", false, true, true, null).getQueue();
            channel.queueBind(queue, exchange, "stream.#");
            channel.queueBind(queue, exchange, "catalog.#");
            List<Long> snapshotsAt = new CopyOnWriteArrayList<>();
            Map<String, Integer> published = new TreeMap<>();
            channel.basicConsume(queue, true, (tag, delivery) -> {
                String routingKey = delivery.getEnvelope().getRoutingKey();
                synchronized (published) {
                    published.merge(routingKey, 1, Integer::sum);
                }
                if (RoutingKeys.STREAM_SNAPSHOT.equals(routingKey)) {
                    snapshotsAt.add(System.currentTimeMillis());
                }
            }, tag -> { });

            int gatewayPort = freePort();
            gateway = "http://127.0.0.1:" + gatewayPort;
            gw = start(List.of("-Xmx512m", "-Dquarkus.http.port=" + gatewayPort, "-Dquarkus.http.host=127.0.0.1",
                    "-Dlurker.twitch.helix-url=" + emulator + "/helix", "-Dlurker.twitch.id-url=" + emulator + "/oauth2",
                    "-Dquarkus.redis.hosts=" + options.get("redis-url"),
                    "-Drabbitmq-host=" + options.get("amqp-host"), "-Drabbitmq-port=" + options.get("amqp-port"),
                    "-Dlurker.token-pool.prefix=" + poolPrefix,
                    "-Dlurker.token-pool.encryption.keys.drill=" + encryptionKey, "-Dlurker.token-pool.encryption.active-key=drill",
                    "-Dlurker.helix.redis-prefix=" + helixPrefix, "-Dlurker.events.exchange=" + exchange,
                    "-Dlurker.helix.deadline=" + deadline.toSeconds() + "s",
                    "-Dlurker.helix.watchlist.analytics-url=http://127.0.0.1:1",
                    "-Dlurker.helix.watchlist.channels=" + String.join(",", logins),
                    "-Dlurker.helix.collectors.top-games=10",
                    "-Dlurker.helix.collectors.jobs.streams.interval=" + options.get("streams-interval") + "s",
                    "-Dlurker.helix.collectors.jobs.categories.interval=" + options.get("categories-interval") + "s",
                    "-Dlurker.helix.collectors.jobs.clips.enabled=false", "-Dlurker.helix.collectors.jobs.clip-views.enabled=false",
                    "-Dlurker.helix.collectors.jobs.vods.enabled=false", "-Dlurker.helix.collectors.jobs.channels.enabled=false",
                    "-Dmp.jwt.verify.publickey.location=" + tokens.writePublicKey(), "-jar", options.get("gateway-jar")),
                    logs.resolve("drill-7-gateway.log"), gateway + "/q/health/ready");
            String read = tokens.token("read");
            long t0 = System.currentTimeMillis();
            System.out.printf(Locale.ROOT, "drill 7: emulator and helix-gateway up; %d callers, buckets %s of %d points/min, deadline %d s%n",
                    number("callers"), buckets, limit, deadline.toSeconds());

            ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
            AtomicReference<String> phase = new AtomicReference<>("1 baseline");
            for (int i = 0; i < number("callers"); i++) {
                callers.submit(() -> hammer(read, userIds, phase, stop, calls, hung));
            }
            Thread.sleep(number("baseline") * 1000L);

            JsonNode start = admin("GET", "/emulator/counters", null);
            phase.set("2 5xx");
            fiveHundreds(false);
            Thread.sleep(number("fivexx") * 1000L);

            JsonNode beforeStorm = admin("GET", "/emulator/counters", null);
            phase.set("3 storm");
            long stormStart = System.currentTimeMillis();
            fiveHundreds(true);
            waitFor(Duration.ofSeconds(60), () -> buckets.stream().allMatch(b -> rejected(counters(), b) > rejected(beforeStorm, b)));
            Thread.sleep(Math.max(0, 10_000 - (System.currentTimeMillis() - stormStart)));
            fiveHundreds(false);
            JsonNode afterStorm = admin("GET", "/emulator/counters", null);
            long stormEnd = System.currentTimeMillis();

            phase.set("4 revoked");
            admin("POST", "/emulator/tokens/revoke", Map.of("token", revokedAccess));
            long revokedAt = System.currentTimeMillis();
            long unauthorizedAtRevocation = statusCount(afterStorm, s -> s == 401);
            boolean invalid = waitFor(Duration.ofSeconds(180), () -> pool.admin.token(revokedId).await().atMost(Duration.ofSeconds(10))
                    .map(t -> t.state() == TokenState.INVALID).orElse(false));
            long invalidAt = System.currentTimeMillis();
            Thread.sleep(1_000);
            long unauthorizedWhenInvalid = statusCount(counters(), s -> s == 401);
            Thread.sleep(number("after-revoke") * 1000L);

            admin("DELETE", "/emulator/faults", null);
            phase.set("5 recovery");
            long cleared = System.currentTimeMillis();
            int snapshotsAtClear = snapshotsAt.size();
            boolean recovered = waitFor(Duration.ofSeconds(180), () -> snapshotsAt.size() > snapshotsAtClear
                    && calls.stream().anyMatch(c -> c.phase().equals("5 recovery") && c.status() == 200));
            long recoveredAt = System.currentTimeMillis();
            phase.set("6 tail");
            Thread.sleep(number("tail") * 1000L);
            stop.set(true);
            callers.shutdown();
            boolean finished = callers.awaitTermination(hung.toSeconds() + 10, TimeUnit.SECONDS);
            JsonNode end = counters();
            long t1 = System.currentTimeMillis();

            // ---- report
            List<Call> all = new ArrayList<>(calls);
            Map<String, Map<String, Integer>> byPhase = new TreeMap<>();
            all.forEach(c -> byPhase.computeIfAbsent(c.phase(), p -> new TreeMap<>())
                    .merge(c.failure() != null ? c.failure() : Integer.toString(c.status()), 1, Integer::sum));
            long withinDeadline = all.stream().filter(c -> c.failure() == null && c.tookMs() <= deadline.toMillis()).count();
            long clear = all.stream().filter(c -> c.failure() == null && (c.status() == 200
                    || ((c.status() == 503 || c.status() == 504) && c.contentType().startsWith("application/problem+json")
                    && c.retryAfter() != null))).count();
            long hungCalls = all.stream().filter(c -> c.failure() != null).count();
            long[] took = all.stream().filter(c -> c.failure() == null).mapToLong(Call::tookMs).sorted().toArray();
            System.out.printf(Locale.ROOT, "%nrun %d s; typed calls %d: answered within the deadline (%d s) %d, data or 503/504 problem+json"
                    + " with Retry-After %d, hung or failed %d; latency p50 %d ms, p99 %d ms, max %d ms%n",
                    (t1 - t0) / 1000, all.size(), deadline.toSeconds(), withinDeadline, clear, hungCalls,
                    pct(took, 0.5), pct(took, 0.99), took.length == 0 ? 0 : took[took.length - 1]);
            System.out.println("typed answers by phase and status: " + byPhase);
            Map<String, Integer> otherProblems = new TreeMap<>();
            all.stream().filter(c -> c.failure() == null && c.status() != 200 && (c.retryAfter() == null
                    || !c.contentType().startsWith("application/problem+json")))
                    .forEach(c -> otherProblems.merge(c.status() + " " + c.contentType(), 1, Integer::sum));
            System.out.println("answers that were neither data nor a problem with Retry-After: " + otherProblems);
            Map<String, Map<String, Integer>> refusals = new TreeMap<>();
            all.stream().filter(c -> c.why() != null).forEach(c -> refusals.computeIfAbsent(c.phase(), p -> new TreeMap<>())
                    .merge(c.status() + " " + c.why(), 1, Integer::sum));
            System.out.println("refusals by phase and kind: " + refusals);
            System.out.printf(Locale.ROOT, "emulator: Helix requests by status during the drill %s%n", statusDelta(start, end));
            System.out.println("| bucket | limit/min | requests | 429 in the storm | 429 outside the storm | most served in any 60 s | ÷ limit |");
            System.out.println("|---|---|---|---|---|---|---|");
            boolean withinLimits = true;
            for (JsonNode b : end.path("buckets")) {
                String name = b.path("bucket").asText();
                if (!buckets.contains(name)) {
                    continue;
                }
                long outside = (rejected(beforeStorm, name) - rejected(start, name)) + (rejected(end, name) - rejected(afterStorm, name))
                        + rejected(start, name);
                long inStorm = rejected(afterStorm, name) - rejected(beforeStorm, name);
                int max = b.path("max_per_minute").asInt();
                withinLimits &= outside == 0 && max <= 2 * b.path("limit").asInt();
                System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %.2f |%n", name, b.path("limit").asInt(),
                        b.path("requests").asLong(), inStorm, outside, max, max / (double) b.path("limit").asInt());
            }
            long unauthorizedEnd = statusCount(end, s -> s == 401);
            System.out.printf(Locale.ROOT, "revoked token: marked invalid %s %.1f s after the revocation; Helix 401s %d until then, %d after%n",
                    invalid ? "yes," : "NO within 180 s,", (invalidAt - revokedAt) / 1000.0, unauthorizedWhenInvalid - unauthorizedAtRevocation,
                    unauthorizedEnd - unauthorizedWhenInvalid);
            long longestGap = 0;
            for (int i = 1; i < snapshotsAt.size(); i++) {
                longestGap = Math.max(longestGap, snapshotsAt.get(i) - snapshotsAt.get(i - 1));
            }
            System.out.printf(Locale.ROOT, "collectors: published %s; stream snapshots %d, longest gap %.1f s%n", published,
                    snapshotsAt.size(), longestGap / 1000.0);
            System.out.printf(Locale.ROOT, "recovery: %s %.1f s after the faults stopped (%.1f s after the storm ended)%n",
                    recovered ? "" : "NOT within 180 s,", (recoveredAt - cleared) / 1000.0, (recoveredAt - stormEnd) / 1000.0);
            boolean ok = finished && hungCalls == 0 && clear == all.size() && withinLimits && invalid
                    && unauthorizedEnd == unauthorizedWhenInvalid && recovered;
            System.out.println(ok ? "drill 7: PASSED" : "drill 7: FAILED");
            channel.exchangeDelete(exchange);
            return ok;
        } finally {
            stop.set(true);
            callers.shutdownNow();
            if (gw != null) {
                gw.destroy();
                gw.waitFor(20, TimeUnit.SECONDS);
            }
            if (emu != null) {
                emu.destroy();
                emu.waitFor(20, TimeUnit.SECONDS);
            }
            if (amqp != null) {
                try {
                    amqp.close();
                } catch (Exception ignored) {
                    // closing only
                }
            }
            deleteKeys(redis, "lurker-drill7:" + run + ":*");
            redis.close();
            vertx.closeAndAwait();
        }
    }

    /** 10 % of calls fail: 502 on /helix/games, 503 on /helix/users, 500 everywhere else; with a 429 storm if asked. */
    private void fiveHundreds(boolean storm) throws Exception {
        for (String[] fault : List.of(new String[] {"*", "500"}, new String[] {"/helix/games", "502"},
                new String[] {"/helix/users", "503"})) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("endpoint", fault[0]);
            body.put("error_rate", 0.1);
            body.put("error_status", Integer.parseInt(fault[1]));
            body.put("rate_limit_storm", storm);
            admin("PUT", "/emulator/faults", body);
        }
    }

    private void hammer(String token, List<String> userIds, AtomicReference<String> phase, AtomicBoolean stop,
                        ConcurrentLinkedQueue<Call> out, Duration hung) {
        while (!stop.get()) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String path = random.nextBoolean()
                    ? "/api/v1/helix/users?id=" + userIds.get(random.nextInt(userIds.size()))
                    : "/api/v1/helix/games?name=" + URLEncoder.encode(random.nextBoolean() ? "Minecraft" : "Just Chatting",
                    StandardCharsets.UTF_8);
            String inPhase = phase.get();
            long started = System.nanoTime();
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(gateway + path))
                        .header("Authorization", "Bearer " + token).timeout(hung).build(), HttpResponse.BodyHandlers.ofString());
                out.add(new Call(inPhase, (System.nanoTime() - started) / 1_000_000, response.statusCode(),
                        response.headers().firstValue("Content-Type").orElse(""),
                        response.headers().firstValue("Retry-After").orElse(null), null,
                        response.statusCode() == 200 ? null : why(response.body())));
                if (response.statusCode() != 200) {
                    // a client told to come back later pauses (500 ms here, not the whole Retry-After, so that recovery is seen at once)
                    Thread.sleep(500);
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                out.add(new Call(inPhase, (System.nanoTime() - started) / 1_000_000, 0, "", null, e.getClass().getSimpleName(), null));
            }
        }
    }

    /** A problem's detail without its numbers and paths, to count refusals by kind. */
    private static String why(String body) {
        try {
            String detail = JSON.readTree(body).path("detail").asText("");
            return detail.replaceAll("[0-9]+", "N").replaceAll(" for [a-z/]+", "").replaceAll("; retry in N s", "");
        } catch (Exception e) {
            return "not JSON";
        }
    }

    private static String put(StandalonePool pool, String client, String access) {
        return pool.admin.putToken(NewToken.app(client, access, Instant.now().plus(Duration.ofDays(1))))
                .await().atMost(Duration.ofSeconds(10)).id();
    }

    private String appToken(String client) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(emulator + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("client_id=" + client + "&client_secret=" + client
                        + "-secret&grant_type=client_credentials")).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).path("access_token").asText();
    }

    private JsonNode counters() {
        try {
            return admin("GET", "/emulator/counters", null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode admin(String method, String path, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emulator + path)).timeout(Duration.ofSeconds(30));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    private static long rejected(JsonNode counters, String bucket) {
        for (JsonNode node : counters.path("buckets")) {
            if (bucket.equals(node.path("bucket").asText())) {
                return node.path("rejected").asLong();
            }
        }
        return 0;
    }

    private static long statusCount(JsonNode counters, IntPredicate status) {
        long total = 0;
        for (JsonNode endpoint : counters.path("statuses")) {
            for (var it = endpoint.fields(); it.hasNext(); ) {
                var field = it.next();
                if (status.test(Integer.parseInt(field.getKey()))) {
                    total += field.getValue().asLong();
                }
            }
        }
        return total;
    }

    private static Map<String, Long> statusDelta(JsonNode start, JsonNode end) {
        Map<String, Long> delta = new TreeMap<>();
        for (int status : new int[] {200, 400, 401, 404, 429, 500, 502, 503}) {
            long d = statusCount(end, s -> s == status) - statusCount(start, s -> s == status);
            if (d != 0) {
                delta.put(Integer.toString(status), d);
            }
        }
        return delta;
    }

    private static long pct(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    private static boolean waitFor(Duration atMost, BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < until) {
            try {
                if (condition.getAsBoolean()) {
                    return true;
                }
            } catch (RuntimeException e) {
                // not yet answerable
            }
            Thread.sleep(200);
        }
        return false;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteKeys(Redis redis, String pattern) {
        try {
            String cursor = "0";
            do {
                Response page = redis.send(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(pattern).arg("COUNT").arg("1000"))
                        .await().atMost(Duration.ofSeconds(10));
                cursor = page.get(0).toString();
                List<String> keys = new ArrayList<>();
                page.get(1).forEach(k -> keys.add(k.toString()));
                if (!keys.isEmpty()) {
                    Request del = Request.cmd(Command.DEL);
                    keys.forEach(del::arg);
                    redis.send(del).await().atMost(Duration.ofSeconds(10));
                }
            } while (!"0".equals(cursor));
        } catch (RuntimeException e) {
            System.err.println("could not remove the drill's Redis keys: " + e.getMessage());
        }
    }

    private Process start(List<String> arguments, Path log, String readyUrl) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long until = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < until) {
            if (!process.isAlive()) {
                throw new IllegalStateException("process exited; see " + log);
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(readyUrl)).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return process;
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        process.destroy();
        throw new IllegalStateException("not ready in 3 minutes; see " + log);
    }
}
