package io.lurker.bench.helix;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Proxy overhead of helix-gateway: the same Helix GETs at a fixed rate (open loop: latency is
 * measured from the intended send time, so a stall is not hidden) sent directly to the emulator
 * and through the gateway's {@code /helix/**}, p50/p99 side by side. Starts the emulator
 * (tiny world, buckets of 1,000,000 points/min so that Twitch's limit is not what is measured)
 * and the gateway (standalone app token, pool bucket of 1,000,000) as processes.
 *
 * Arguments: {@code --rate 500 --seconds 20 --warmup 10 [--emulator-jar P] [--gateway-jar P]}.
 */
public final class HelixProxyBench {

    static final int EMULATOR_PORT = 18090;
    static final int GATEWAY_PORT = 18082;

    public static void main(String[] args) throws Exception {
        int rate = Integer.parseInt(arg(args, "--rate", "500"));
        int seconds = Integer.parseInt(arg(args, "--seconds", "20"));
        int warmup = Integer.parseInt(arg(args, "--warmup", "10"));
        Path emulatorJar = Path.of(arg(args, "--emulator-jar", "twitch-emulator/target/quarkus-app/quarkus-run.jar"));
        Path gatewayJar = Path.of(arg(args, "--gateway-jar", "helix-gateway/target/quarkus-app/quarkus-run.jar"));
        KeyPair keys = KeyPairGenerator.getInstance("RSA").genKeyPair();
        Path publicKey = writePublicKey(keys);
        String emulator = "http://127.0.0.1:" + EMULATOR_PORT;
        String gateway = "http://127.0.0.1:" + GATEWAY_PORT;

        Process emu = start(List.of("-Xmx768m", "-Dquarkus.http.port=" + EMULATOR_PORT, "-Dlurker.emulator.size=tiny",
                "-Dlurker.emulator.irc.port=16667", "-Dlurker.emulator.irc.tls-port=16697",
                "-Dlurker.emulator.rate-limit.points-per-minute=1000000", "-jar", emulatorJar.toString()),
                "target/helix-bench-emulator.log", emulator + "/emulator/clock");
        Process gw = null;
        try {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            gw = start(List.of("-Xmx768m", "-Dquarkus.profile=bench", "-Dquarkus.http.port=" + GATEWAY_PORT,
                    "-Dlurker.twitch.helix-url=" + emulator + "/helix", "-Dlurker.twitch.id-url=" + emulator + "/oauth2",
                    "-Dlurker.helix.standalone.client-id=lurker-dev-client", "-Dlurker.helix.standalone.client-secret=lurker-dev-secret",
                    "-Dlurker.token-pool.prefix=lurker-bench:" + UUID.randomUUID() + ":auth:",
                    "-Dlurker.token-pool.default-limit=1000000",
                    "-Dlurker.token-pool.encryption.keys.bench=" + Base64.getEncoder().encodeToString(key),
                    "-Dlurker.token-pool.encryption.active-key=bench",
                    "-Dlurker.helix.redis-prefix=lurker-bench:helix:", "-Dlurker.events.exchange=lurker.events.bench.helix",
                    "-Dlurker.helix.collectors.enabled=false", "-Dmp.jwt.verify.publickey.location=" + publicKey,
                    "-Dquarkus.log.level=WARN", "-jar", gatewayJar.toString()),
                    "target/helix-bench-gateway.log", gateway + "/q/health/ready");

            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String appToken = appToken(http, emulator);
            String jwt = jwt(keys, "read");
            List<String> gameIds = gameIds(http, emulator, appToken);
            System.out.printf(Locale.ROOT, "rate %d req/s, %d s measured after %d s warm-up, %d distinct requests%n",
                    rate, seconds, warmup, gameIds.size());

            String[] direct = {"Client-Id", "lurker-dev-client", "Authorization", "Bearer " + appToken};
            String[] proxied = {"Authorization", "Bearer " + jwt};
            run(http, emulator + "/helix/games?id=", gameIds, direct, rate, warmup);
            Result d = run(http, emulator + "/helix/games?id=", gameIds, direct, rate, seconds);
            run(http, gateway + "/helix/games?id=", gameIds, proxied, rate, warmup);
            Result g = run(http, gateway + "/helix/games?id=", gameIds, proxied, rate, seconds);
            Result d2 = run(http, emulator + "/helix/games?id=", gameIds, direct, rate, seconds);
            System.out.println("| path | requests | errors | p50 ms | p90 ms | p99 ms | max ms |");
            System.out.println("|---|---|---|---|---|---|---|");
            print("direct to the emulator", d);
            print("through helix-gateway", g);
            print("direct again (drift check)", d2);
            double base50 = Math.min(d.p(0.5), d2.p(0.5));
            double base99 = Math.min(d.p(0.99), d2.p(0.99));
            if (!OUTCOMES.isEmpty()) {
                System.out.println("errors by outcome: " + OUTCOMES);
                SAMPLES.forEach((k, v) -> System.out.println("  " + k + ": " + (v.length() > 300 ? v.substring(0, 300) : v)));
            }
            System.out.printf(Locale.ROOT, "added by the gateway: p50 %.2f ms, p99 %.2f ms%n", g.p(0.5) - base50, g.p(0.99) - base99);
        } finally {
            if (gw != null) {
                gw.destroy();
            }
            emu.destroy();
        }
    }

    static final java.util.Map<String, Integer> OUTCOMES = new java.util.concurrent.ConcurrentHashMap<>();
    static final java.util.Map<String, String> SAMPLES = new java.util.concurrent.ConcurrentHashMap<>();

    record Result(double[] millis, int errors) {
        double p(double q) {
            return millis.length == 0 ? Double.NaN : millis[Math.min(millis.length - 1, (int) Math.ceil(q * millis.length) - 1)];
        }
    }

    static void print(String name, Result r) {
        System.out.printf(Locale.ROOT, "| %s | %d | %d | %.2f | %.2f | %.2f | %.2f |%n", name, r.millis().length, r.errors(),
                r.p(0.5), r.p(0.9), r.p(0.99), r.millis().length == 0 ? Double.NaN : r.millis()[r.millis().length - 1]);
    }

    /** Open loop: request i is due at start + i/rate; its latency counts from then. */
    static Result run(HttpClient http, String prefix, List<String> ids, String[] headers, int rate, int seconds) throws Exception {
        int total = rate * seconds;
        ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger errors = new AtomicInteger();
        List<CompletableFuture<?>> calls = new ArrayList<>(total);
        long start = System.nanoTime() + 50_000_000L;
        for (int i = 0; i < total; i++) {
            long due = start + (long) (i * 1e9 / rate);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create(prefix + ids.get(i % ids.size()))).headers(headers)
                    .timeout(Duration.ofSeconds(10)).build();
            calls.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                if (failure != null || response.statusCode() != 200) {
                    errors.incrementAndGet();
                    String outcome = failure != null ? failure.getClass().getSimpleName() : Integer.toString(response.statusCode());
                    OUTCOMES.merge(outcome, 1, Integer::sum);
                    SAMPLES.putIfAbsent(outcome, failure != null ? String.valueOf(failure.getCause()) : response.body());
                } else {
                    latencies.add((System.nanoTime() - due) / 1e6);
                }
            }));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Result(sorted, errors.get());
    }

    static List<String> gameIds(HttpClient http, String emulator, String token) throws Exception {
        String body = http.send(HttpRequest.newBuilder(URI.create(emulator + "/helix/games/top?first=100"))
                .header("Client-Id", "lurker-dev-client").header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        List<String> ids = new ArrayList<>();
        for (String part : body.split("\"id\":\"")) {
            if (ids.size() < 100 && part.length() > 0 && Character.isDigit(part.charAt(0))) {
                ids.add(part.substring(0, part.indexOf('"')));
            }
        }
        return ids;
    }

    static String appToken(HttpClient http, String emulator) throws Exception {
        String body = http.send(HttpRequest.newBuilder(URI.create(emulator + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("client_id=lurker-dev-client&client_secret=lurker-dev-secret&grant_type=client_credentials"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        int at = body.indexOf("\"access_token\":\"") + 16;
        return body.substring(at, body.indexOf('"', at));
    }

    static Process start(List<String> arguments, String log, String readyUrl) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(new File(log)).start();
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("process exited; see bench/" + log);
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(readyUrl)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return process;
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        process.destroy();
        throw new IllegalStateException("not ready in 2 minutes; see bench/" + log);
    }

    static Path writePublicKey(KeyPair keys) throws Exception {
        Path file = Files.createTempFile("lurker-helix-bench-public", ".pem");
        Files.writeString(file, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        return file;
    }

    /** A Lurker API token signed with the bench's own key (RS256). */
    static String jwt(KeyPair keys, String role) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long now = Instant.now().getEpochSecond();
        String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(("{\"iss\":\"lurker\",\"sub\":\"bench\",\"jti\":\"" + UUID.randomUUID()
                + "\",\"groups\":[\"" + role + "\"],\"iat\":" + now + ",\"exp\":" + (now + 7200) + "}").getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(keys.getPrivate());
        signature.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
        return header + "." + payload + "." + b64.encodeToString(signature.sign());
    }

    static String arg(String[] args, String name, String fallback) {
        int i = Arrays.asList(args).indexOf(name);
        return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
    }
}
