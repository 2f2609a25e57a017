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
