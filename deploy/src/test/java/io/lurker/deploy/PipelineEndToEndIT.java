package io.lurker.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The main job end to end, as a user runs it: {@code ./lurker up} on the emulator,
 * {@code ./lurker pipeline --game ...} with small numbers, the collection summary compared with the
 * emulator's ground truth for the same channels and windows (channels, clips and VODs counted
 * exactly), and {@code ./lurker down} leaving nothing running.
 *
 * <p>Runs in the failsafe phase of the deploy module (the last in the reactor, so every service is
 * packaged) unless {@code -Dlurker.e2e=false}. It moves DESIGN.md's ports by a free offset and uses its
 * own run folder, database, exchange, queues and Redis prefixes, so it runs beside a developer's suite.
 */
class PipelineEndToEndIT {

    static final String GAME = "League of Legends";
    static final int TOP = 3;
    static final int DAYS = 2;
    /** DESIGN.md's ports; the run moves them all by one offset (LURKER_PORT_OFFSET) to free ones. */
    static final List<Integer> DESIGN_PORTS = List.of(8080, 8081, 8082, 8083, 8084, 8085, 8086, 8090, 6667, 6697);
    static int offset;
    static String gateway;
    static String emulator;

    static Path repo;
    static Path runDir;
    static final Map<String, String> env = new HashMap<>();
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static boolean downChecked;
    static Path mintedTokens;
    /** Answers the secrets check reads (besides the sweep): auth-service's about the user tokens it pooled. */
    static final List<String> answered = new ArrayList<>();

    @BeforeAll
    static void up() throws Exception {
        repo = Repo.root();
        java.util.Random random = new java.util.Random();
        do {
            offset = 10_000 + 100 * random.nextInt(150);
        } while (DESIGN_PORTS.stream().anyMatch(p -> listening(p + offset)));
        gateway = "http://127.0.0.1:" + (8080 + offset);
        emulator = "http://127.0.0.1:" + (8090 + offset);
        runDir = repo.resolve("deploy/target/e2e-run");
        Files.createDirectories(runDir);
        String id = UUID.randomUUID().toString().substring(0, 8);
        env.put("LURKER_RUN_DIR", runDir.toString());
        env.put("LURKER_PORT_OFFSET", Integer.toString(offset));
        env.put("PGDATABASE", "lurker_e2e_" + id);
        env.put("LURKER_EVENTS_EXCHANGE", "lurker.events.e2e." + id);
        env.put("LURKER_ANALYTICS_QUEUE_PREFIX", "analytics.e2e." + id + ".");
        env.put("LURKER_TOKEN_POOL_PREFIX", "lurker-e2e:" + id + ":auth:");
        env.put("LURKER_HELIX_REDIS_PREFIX", "lurker-e2e:" + id + ":helix:");
        env.put("LURKER_CHAT_REDIS_PREFIX", "lurker-e2e:" + id + ":chat:");
        env.put("LURKER_GQL_REDIS_PREFIX", "lurker-e2e:" + id + ":gql:");
        env.put("LURKER_INTEGRITY_REDIS_PREFIX", "lurker-e2e:" + id + ":integrity:");
        env.put("LURKER_EMULATOR_SIZE", "default");
        env.put("LURKER_UP_TIMEOUT", "420");
        // GraphQL and the integrity capture on, so that an integrity token is in play for the secrets check
        env.put("LURKER_GQL_ENABLED", "true");
        // every Lurker API token minted during the run (service tokens at up, the pipeline's, the test's) is recorded
        mintedTokens = runDir.resolve("minted-tokens");
        Files.deleteIfExists(mintedTokens);
        Path wrapper = runDir.resolve("token-recording.sh");
        Files.writeString(wrapper, "#!/usr/bin/env bash\nset -euo pipefail\nout=$('" + repo.resolve("deploy/local/token.sh")
                + "' \"$@\")\n(umask 077; printf '%s\\n' \"$out\" >> '" + mintedTokens + "')\nprintf '%s\\n' \"$out\"\n");
        wrapper.toFile().setExecutable(true);
        env.put("LURKER_TOKEN_SH", wrapper.toString());
        Result up = lurker(Duration.ofMinutes(20), "up");
        assertThat(up.exit()).as("./lurker up\n" + up.output()).isZero();
    }

    @AfterAll
    static void down() throws Exception {
        if (!downChecked && repo != null) {
            lurker(Duration.ofMinutes(2), "down");
        }
        if (env.containsKey("PGDATABASE")) {
            // best effort: the run's database, queues and keys
            String id = env.get("PGDATABASE").substring("lurker_e2e_".length());
            run("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc", "drop database if exists \"lurker_e2e_" + id + "\"");
            run("bash", "-c", "command -v rabbitmqctl >/dev/null && rabbitmqctl -q list_queues name | grep -F 'e2e." + id
                    + "' | while read -r q; do rabbitmqctl -q delete_queue \"$q\" >/dev/null </dev/null; done");
            run("bash", "-c", "redis-cli -h 127.0.0.1 --scan --pattern 'lurker-e2e:" + id + ":*' | xargs -r -n 500 redis-cli -h 127.0.0.1 del >/dev/null");
        }
    }

    static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
    }

    @Test
    void pipelineSummaryMatchesTheEmulatorsGroundTruthAndDownLeavesNothingRunning() throws Exception {
        Result pipeline = lurker(Duration.ofMinutes(15), "pipeline", "--game", GAME, "--days", Integer.toString(DAYS),
                "--top-channels", Integer.toString(TOP), "--min-clip-views", "10", "--chat-seconds", "10");
        assertThat(pipeline.exit()).as("./lurker pipeline\n" + pipeline.output()).isZero();
        assertThat(pipeline.output()).contains("Swagger UI: " + gateway + "/swagger-ui/")
                .contains("Dashboard:  " + gateway + "/dashboard/").contains("Channels: " + TOP);

        JsonNode run = JSON.readTree(runDir.resolve("pipeline/run.json").toFile());
        JsonNode clipsRun = JSON.readTree(runDir.resolve("pipeline/clips.json").toFile());
        JsonNode vodsRun = JSON.readTree(runDir.resolve("pipeline/vods.json").toFile());
        List<String> logins = new ArrayList<>();
        run.path("logins").forEach(l -> logins.add(l.asText()));
        assertThat(logins).hasSize(TOP);

        String read = lurker(Duration.ofMinutes(1), "token", "--role", "read").output().trim();
        // the channels: every one was live in the game when the pipeline looked
        JsonNode truthStreams = get(emulator + "/emulator/truth/streams?game_id=" + run.path("gameId").asText(), null);
        List<String> liveInGame = new ArrayList<>();
        truthStreams.path("data").forEach(s -> liveInGame.add(s.path("user_login").asText()));
        assertThat(liveInGame).containsAll(logins);

        StringBuilder q = new StringBuilder();
        logins.forEach(l -> q.append(q.isEmpty() ? "?" : "&").append("login=").append(l));
        JsonNode users = get(gateway + "/api/helix/v1/helix/users" + q, read);
        List<String> ids = new ArrayList<>();
        users.path("data").forEach(u -> ids.add(u.path("id").asText()));
        assertThat(ids).hasSize(TOP);

        // clips in the clips collector's window, VODs in the VOD collector's, counted by the emulator
        String clipsSince = clipsRun.path("since").asText();
        String clipsUntil = clipsRun.path("until").asText();
        String vodsSince = vodsRun.path("since").asText();
        String vodsUntil = vodsRun.path("until").asText();
        long truthClips = 0;
        long truthVods = 0;
        for (String id : ids) {
            truthClips += get(emulator + "/emulator/truth/clips?broadcaster_id=" + id + "&started_at=" + enc(clipsSince)
                    + "&ended_at=" + enc(clipsUntil), null).path("total").asLong();
            for (JsonNode v : get(emulator + "/emulator/truth/videos?user_id=" + id, null).path("data")) {
                Instant created = Instant.parse(v.path("created_at").asText());
                if (!created.isBefore(Instant.parse(vodsSince)) && !created.isAfter(Instant.parse(vodsUntil))) {
                    truthVods++;
                }
            }
        }
        JsonNode clipSummary = get(gateway + "/api/analytics/v1/summary?from=" + enc(clipsSince) + "&to="
                + enc(Instant.parse(clipsUntil).plusSeconds(1).toString()), read);
        JsonNode vodSummary = get(gateway + "/api/analytics/v1/summary?from=" + enc(vodsSince) + "&to="
                + enc(Instant.parse(vodsUntil).plusSeconds(1).toString()), read);
        assertThat(clipSummary.path("channels").asInt()).isEqualTo(TOP);
        List<String> summaryLogins = new ArrayList<>();
        clipSummary.path("channelLogins").forEach(l -> summaryLogins.add(l.asText()));
        assertThat(summaryLogins).containsExactlyInAnyOrderElementsOf(logins);
        assertThat(clipSummary.path("clips").asLong()).as("clips of the last %d days", DAYS).isEqualTo(truthClips);
        assertThat(vodSummary.path("vods").asLong()).as("VODs of the last 30 days").isEqualTo(truthVods);
        assertThat(truthVods).as("a window with VODs in it").isPositive();

        // secrets: every one that was in play, none in an answer it was not meant for (logs are checked after down)
        SecretScan secrets = gatherSecrets(logins.get(0), read);
        List<SecretScan.Finding> inAnswers = new ArrayList<>(secrets.scanFiles(p -> true, runDir.resolve("pipeline")));
        for (String answer : answered) {
            inAnswers.addAll(secrets.scanText(answer, "auth-service answer about user tokens", 0));
        }
        inAnswers.addAll(sweepAnswers(secrets, read));

        // down: nothing of the run is left
        List<String> pids = new ArrayList<>();
        try (var files = Files.list(runDir.resolve("pids"))) {
            for (Path p : files.toList()) {
                pids.add(Files.readString(p).trim());
            }
        }
        assertThat(pids).hasSizeGreaterThanOrEqualTo(8);
        Result down = lurker(Duration.ofMinutes(2), "down");
        downChecked = true;
        assertThat(down.exit()).as(down.output()).isZero();
        for (String pid : pids) {
            assertThat(Files.exists(Path.of("/proc", pid))).as("process " + pid + " after down").isFalse();
        }
        for (int port : DESIGN_PORTS) {
            assertThat(listening(port + offset)).as("port " + (port + offset) + " after down").isFalse();
        }
        assertThat(lurker(Duration.ofMinutes(1), "status").exit()).as("status after down reports nothing running").isNotZero();

        // every log of the run (services, emulator, gateway) and every ./lurker output but `token`'s
        List<SecretScan.Finding> inLogs = secrets.scanFiles(
                p -> !p.getFileName().toString().startsWith("lurker-token-") && !p.startsWith(runDir.resolve("env"))
                        && !p.startsWith(runDir.resolve("keys")) && !p.startsWith(runDir.resolve("tokens"))
                        && !p.startsWith(runDir.resolve("work")) && !p.startsWith(runDir.resolve("chat-spool"))
                        && !p.startsWith(runDir.resolve("gateway")) && !p.startsWith(runDir.resolve("pipeline"))
                        && !p.equals(mintedTokens) && !p.getFileName().toString().equals("token-recording.sh"),
                runDir);
        System.out.printf("secrets checked: %s; log files: %s%n", secrets.kinds(), logFiles());
        assertThat(inAnswers).as("secrets in answers they were not meant for").isEmpty();
        assertThat(inLogs).as("secrets in the run's logs").isEmpty();
    }

    /**
     * Every secret of the run: the emulator's (client secret, access and refresh tokens, device codes,
     * integrity tokens, as {@code GET /emulator/secrets} lists them), the client secret the services
     * were given, every Lurker API token minted (and its signature alone), the token pool's encryption
     * key. Before that, a guarded GraphQL call through gql-gateway puts the integrity token to use.
     */
    static SecretScan gatherSecrets(String login, String read) throws Exception {
        await(Duration.ofMinutes(3), () -> get(gateway + "/api/integrity/v1/integrity/status", adminToken())
                .path("tokenPresent").asBoolean());
        JsonNode clips = get(gateway + "/api/gql/v1/gql/users/" + login + "/clips?filter=ALL_TIME&limit=5", read);
        assertThat(clips.path("clips").isArray()).as("a guarded GraphQL call through gql-gateway").isTrue();

        // user tokens in play too: one added from a refresh token, renewed, and one from a device-code flow
        List<String> answers = new ArrayList<>();
        String admin = adminToken();
        String refresh = post(emulator + "/emulator/users", null, "{\"login\":\"" + login
                + "\",\"client_id\":\"lurker-dev-client\",\"scopes\":[\"chat:read\"]}", 200).path("refresh_token").asText();
        JsonNode added = post(gateway + "/api/auth/v1/tokens/user", admin,
                "{\"clientId\":\"lurker-dev-client\",\"refreshToken\":\"" + refresh + "\"}", 201);
        answers.add(added.toString());
        String tokenId = added.path("id").asText();
        answers.add(post(gateway + "/api/auth/v1/tokens/" + tokenId + "/refresh", admin, "", 200).toString());
        answers.add(get(gateway + "/api/auth/v1/tokens/" + tokenId, admin).toString());
        JsonNode flow = post(gateway + "/api/auth/v1/tokens/device", admin,
                "{\"clientId\":\"lurker-dev-client\",\"scopes\":[\"chat:read\"]}", 202);
        answers.add(flow.toString());
        post(emulator + "/emulator/device/approve", null, "{\"user_code\":\"" + flow.path("userCode").asText()
                + "\",\"login\":\"" + login + "\"}", 200);
        String flowUrl = gateway + "/api/auth/v1/tokens/device/" + flow.path("id").asText();
        await(Duration.ofMinutes(2), () -> "approved".equals(get(flowUrl, admin).path("status").asText()));
        JsonNode approved = get(flowUrl, admin);
        answers.add(approved.toString());
        answers.add(get(gateway + "/api/auth/v1/tokens/" + approved.path("tokenId").asText(), admin).toString());
        answered.addAll(answers);

        SecretScan scan = new SecretScan();
        JsonNode emulated = get(emulator + "/emulator/secrets", null);
        emulated.path("client_secrets").forEach(v -> scan.add("Twitch client secret", v.asText()));
        emulated.path("access_tokens").forEach(v -> scan.add("Twitch access token", v.asText()));
        emulated.path("refresh_tokens").forEach(v -> scan.add("Twitch refresh token", v.asText()));
        emulated.path("device_codes").forEach(v -> scan.add("Twitch device code", v.asText()));
        emulated.path("integrity_tokens").forEach(v -> scan.add("integrity token", v.asText()));
        assertThat(emulated.path("access_tokens").size()).as("Twitch tokens the emulator issued").isPositive();
        assertThat(emulated.path("integrity_tokens").size()).as("integrity tokens the emulator issued").isPositive();
        assertThat(emulated.path("refresh_tokens").size()).as("refresh tokens the emulator issued").isGreaterThanOrEqualTo(2);
        assertThat(emulated.path("device_codes").size()).as("device codes the emulator issued").isPositive();
        for (String line : Files.readAllLines(runDir.resolve("env/helix-gateway.env"))) {
            if (line.startsWith("TWITCH_CLIENT_SECRET=")) {
                scan.add("Twitch client secret", line.substring(line.indexOf('=') + 1));
            }
        }
        List<String> minted = Files.readAllLines(mintedTokens).stream().filter(l -> !l.isBlank()).toList();
        assertThat(minted).as("Lurker API tokens minted: one per service, the CLI's, the pipeline's, the test's")
                .hasSizeGreaterThanOrEqualTo(9);
        minted.forEach(jwt -> scan.addJwt("Lurker API JWT", jwt));
        scan.add("token pool encryption key", Files.readString(runDir.resolve("keys/token-pool.key")).strip());
        return scan;
    }

    /** What services answer to admin and internal callers on every GET of their OpenAPI without path parameters. */
    static List<SecretScan.Finding> sweepAnswers(SecretScan secrets, String read) throws Exception {
        List<SecretScan.Finding> findings = new ArrayList<>();
        String admin = adminToken();
        String internal = Files.readString(runDir.resolve("tokens/gql-gateway")).strip();
        int swept = 0;
        for (String service : List.of("auth-service", "helix-gateway", "gql-gateway", "integrity-service", "chat-ingest",
                "analytics-service")) {
            int port = designPort(service) + offset;
            String base = "http://127.0.0.1:" + port;
            JsonNode openapi = JSON.readTree(send(base + "/q/openapi?format=json", null).body());
            var paths = openapi.path("paths").fields();
            while (paths.hasNext()) {
                var path = paths.next();
                if (path.getKey().contains("{") || !path.getValue().has("get")) {
                    continue;
                }
                boolean tokenApi = service.equals("integrity-service") && path.getKey().endsWith("/integrity/token");
                for (String token : List.of(admin, internal, read)) {
                    if (tokenApi && token.equals(internal)) {
                        continue; // the one answer meant to carry the integrity token
                    }
                    HttpResponse<String> answer;
                    try {
                        answer = send(base + path.getKey(), token);
                    } catch (IOException e) {
                        System.out.printf("secrets sweep: %s GET %s gave no answer (%s)%n", service, path.getKey(), e);
                        continue;
                    }
                    findings.addAll(secrets.scanText(answer.body(), service + " GET " + path.getKey(), 0));
                    answer.headers().map().forEach((name, values) -> values.forEach(v ->
                            findings.addAll(secrets.scanText(v, service + " GET " + path.getKey() + " header " + name, 0))));
                    swept++;
                }
            }
        }
        System.out.printf("secrets sweep: %d answers of GET operations checked%n", swept);
        assertThat(swept).isGreaterThan(20);
        return findings;
    }

    static int designPort(String service) {
        return switch (service) {
            case "auth-service" -> 8081;
            case "helix-gateway" -> 8082;
            case "gql-gateway" -> 8083;
            case "integrity-service" -> 8084;
            case "chat-ingest" -> 8085;
            case "analytics-service" -> 8086;
            default -> throw new IllegalArgumentException(service);
        };
    }

    static String adminToken() throws IOException {
        return Files.readString(runDir.resolve("tokens/admin")).strip();
    }

    static List<String> logFiles() throws IOException {
        try (var files = Files.list(runDir.resolve("logs"))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    static void await(Duration timeout, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        Instant end = Instant.now().plus(timeout);
        AssertionError last = null;
        while (Instant.now().isBefore(end)) {
            try {
                if (condition.call()) {
                    return;
                }
            } catch (AssertionError e) {
                last = e;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("not within " + timeout, last);
    }

    static HttpResponse<String> send(String url, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    // ------------------------------------------------------------------ helpers

    record Result(int exit, String output) {
    }

    static Result lurker(Duration timeout, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(repo.resolve("lurker").toString());
        command.addAll(List.of(args));
        Path log = runDir.resolve("lurker-" + args[0] + "-" + System.nanoTime() + ".out");
        ProcessBuilder pb = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
            return new Result(-1, Files.readString(log) + "\n(timed out after " + timeout + ")");
        }
        String output = Files.readString(log);
        System.out.println("$ ./lurker " + String.join(" ", args) + (args[0].equals("token") ? "  (token not shown)" : "\n" + output));
        return new Result(p.exitValue(), output);
    }

    static JsonNode get(String url, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> res = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as(url + " -> " + res.body()).isEqualTo(200);
        return JSON.readTree(res.body());
    }

    static JsonNode post(String url, String token, String json, int expected) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> res = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as("POST " + url + " -> " + res.body()).isEqualTo(expected);
        return res.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(res.body());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static boolean listening(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
