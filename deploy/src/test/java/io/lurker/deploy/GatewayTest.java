package io.lurker.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts Debian's nginx with the gateway configuration rendered by {@code deploy/gateway/render.sh}
 * in front of stub services and checks what a caller of the gateway sees: which service answers
 * which path, request ids, body limits and timeouts as problem+json, the dashboard's config and
 * one Swagger UI (rendered by Chromium) listing every service.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayTest {

    static final List<String> SERVICES = List.of("auth", "helix", "gql", "integrity", "chat", "analytics");
    static final Map<String, String> SERVICE_NAMES = Map.of("auth", "auth-service", "helix", "helix-gateway",
            "gql", "gql-gateway", "integrity", "integrity-service", "chat", "chat-ingest", "analytics", "analytics-service");

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path runDir;

    final Map<String, StubService> stubs = new LinkedHashMap<>();
    Process nginx;
    int port;
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void startGateway() throws Exception {
        for (String svc : SERVICES) {
            stubs.put(svc, new StubService(svc));
        }
        port = Repo.freePort();
        Path repo = Repo.root();
        ProcessBuilder render = new ProcessBuilder(repo.resolve("deploy/gateway/render.sh").toString(), runDir.toString());
        Map<String, String> env = render.environment();
        env.put("LURKER_GATEWAY_PORT", Integer.toString(port));
        for (String svc : SERVICES) {
            env.put("LURKER_" + svc.toUpperCase() + "_UPSTREAM", stubs.get(svc).address());
        }
        env.put("LURKER_GATEWAY_READ_TIMEOUT", "2s");
        env.put("LURKER_GATEWAY_DAEMON", "off");
        env.put("LURKER_GATEWAY_STATIC", repo.resolve("deploy/target/gateway").toString());
        render.redirectErrorStream(true);
        Process r = render.start();
        String renderOut = new String(r.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(r.waitFor()).as(renderOut).isZero();

        nginx = new ProcessBuilder("/usr/sbin/nginx", "-p", runDir.toString(), "-c", runDir.resolve("nginx.conf").toString())
                .redirectErrorStream(true)
                .redirectOutput(runDir.resolve("nginx.out").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                break;
            } catch (IOException notYet) {
                if (!nginx.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("nginx did not start: " + Files.readString(runDir.resolve("nginx.out"))
                            + readIfExists(runDir.resolve("nginx-error.log")));
                }
                Thread.sleep(100);
            }
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (nginx != null) {
            nginx.destroy();
            if (!nginx.waitFor(10, TimeUnit.SECONDS)) {
                nginx.destroyForcibly();
            }
        }
        stubs.values().forEach(StubService::close);
    }

    @Test
    void apiPathsReachTheirServiceWithoutTheServicePrefix() throws Exception {
        for (String svc : SERVICES) {
            HttpResponse<String> res = get("/api/" + svc + "/v1/things/42?first=5&after=x%2Fy", Map.of());
            assertThat(res.statusCode()).as(svc).isEqualTo(200);
            JsonNode body = JSON.readTree(res.body());
            assertThat(body.get("service").asText()).isEqualTo(svc);
            assertThat(body.get("path").asText()).isEqualTo("/api/v1/things/42");
            assertThat(body.get("query").asText()).isEqualTo("first=5&after=x%2Fy");
        }
    }

    @Test
    void helixProxyAndDashboardKeepTheirPaths() throws Exception {
        JsonNode helix = JSON.readTree(get("/helix/users?login=shroud", Map.of()).body());
        assertThat(helix.get("service").asText()).isEqualTo("helix");
        assertThat(helix.get("path").asText()).isEqualTo("/helix/users");
        assertThat(helix.get("query").asText()).isEqualTo("login=shroud");

        JsonNode dashboard = JSON.readTree(get("/dashboard/app.js", Map.of()).body());
        assertThat(dashboard.get("service").asText()).isEqualTo("analytics");
        assertThat(dashboard.get("path").asText()).isEqualTo("/dashboard/app.js");

        int analyticsBefore = stubs.get("analytics").seen.size();
        HttpResponse<String> config = get("/dashboard/config.js", Map.of());
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(config.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("javascript"));
        assertThat(config.body()).contains("window.LURKER_API_BASE = \"/api/analytics\"");
        assertThat(stubs.get("analytics").seen).hasSize(analyticsBefore);

        HttpResponse<String> bare = get("/dashboard", Map.of());
        assertThat(bare.statusCode()).isEqualTo(301);
        assertThat(bare.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/dashboard/"));
    }

    @Test
    void requestIdIsGeneratedWhenAbsentAndPassedThroughWhenGiven() throws Exception {
        StubService analytics = stubs.get("analytics");
        HttpResponse<String> generated = get("/api/analytics/v1/rid-absent", Map.of());
        String generatedId = generated.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(generatedId).matches("[0-9a-f]{32}");
        assertThat(lastSeen(analytics, "/api/v1/rid-absent").requestId()).isEqualTo(generatedId);

        HttpResponse<String> another = get("/api/analytics/v1/rid-absent", Map.of());
        assertThat(another.headers().firstValue("X-Request-Id").orElseThrow()).isNotEqualTo(generatedId);

        HttpResponse<String> given = get("/api/analytics/v1/rid-given", Map.of("X-Request-Id", "tool-7f3a:run-12"));
        assertThat(given.headers().firstValue("X-Request-Id")).hasValue("tool-7f3a:run-12");
        assertThat(lastSeen(analytics, "/api/v1/rid-given").requestId()).isEqualTo("tool-7f3a:run-12");

        // a header that is no sane token is not forwarded: the gateway makes its own
        HttpResponse<String> odd = get("/api/analytics/v1/rid-odd", Map.of("X-Request-Id", "a b <script>"));
        String replaced = odd.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(replaced).matches("[0-9a-f]{32}");
        assertThat(lastSeen(analytics, "/api/v1/rid-odd").requestId()).isEqualTo(replaced);
    }

    @Test
    void oversizedBodiesAreRefusedWith413ProblemBeforeReachingTheService() throws Exception {
        byte[] twoMegabytes = new byte[2 * 1024 * 1024];
        StubService analytics = stubs.get("analytics");
        HttpResponse<String> refused = post("/api/analytics/v1/watchlist/channels", twoMegabytes);
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(refused.body());
        assertThat(problem.get("status").asInt()).isEqualTo(413);
        assertThat(problem.get("requestId").asText()).isEqualTo(refused.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(analytics.seen).noneMatch(s -> s.path().equals("/api/v1/watchlist/channels"));

        HttpResponse<String> small = post("/api/analytics/v1/watchlist/channels", "{\"logins\":[\"a\"]}".getBytes(StandardCharsets.UTF_8));
        assertThat(small.statusCode()).isEqualTo(200);
        assertThat(lastSeen(analytics, "/api/v1/watchlist/channels").bodyBytes()).isEqualTo(16);

        // chat log imports may be larger
        HttpResponse<String> chatImport = post("/api/chat/v1/chat/import", twoMegabytes);
        assertThat(chatImport.statusCode()).isEqualTo(200);
        assertThat(lastSeen(stubs.get("chat"), "/api/v1/chat/import").bodyBytes()).isEqualTo(twoMegabytes.length);
    }

    @Test
    void slowServiceGives504ProblemAndUnknownPath404Problem() throws Exception {
        HttpResponse<String> slow = get("/api/gql/v1/slow", Map.of());
        assertThat(slow.statusCode()).isEqualTo(504);
        assertThat(slow.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(slow.body()).get("status").asInt()).isEqualTo(504);

        HttpResponse<String> unknown = get("/nothing/here", Map.of());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(unknown.body()).get("status").asInt()).isEqualTo(404);
    }

    @Test
    void everyServicesOpenApiDocumentIsServedAsJson() throws Exception {
        for (String svc : SERVICES) {
            HttpResponse<String> res = get("/openapi/" + svc, Map.of());
            assertThat(res.statusCode()).as(svc).isEqualTo(200);
            assertThat(JSON.readTree(res.body()).at("/info/title").asText()).isEqualTo("Lurker " + svc + " API");
            StubService.Seen seen = lastSeen(stubs.get(svc), "/q/openapi");
            assertThat(seen.query()).isEqualTo("format=json");
        }
    }

    @Test
    void oneSwaggerUiListsEveryService() throws Exception {
        HttpResponse<String> page = get("/swagger-ui/", Map.of());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui-bundle.js");
        assertThat(get("/swagger-ui/swagger-ui-bundle.js", Map.of()).statusCode()).isEqualTo(200);
        assertThat(get("/", Map.of()).headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/swagger-ui/"));

        // what a person sees: Chromium runs the page, which loads the first document and lists all
        Process chromium = new ProcessBuilder("/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--user-data-dir=" + runDir.resolve("chromium-profile"),
                "--virtual-time-budget=15000", "--dump-dom", "http://127.0.0.1:" + port + "/swagger-ui/")
                .redirectError(runDir.resolve("chromium.err").toFile())
                .start();
        String dom = new String(chromium.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(chromium.waitFor(90, TimeUnit.SECONDS)).isTrue();
        for (String svc : SERVICES) {
            assertThat(dom).as("Swagger UI lists " + svc).contains("<option value=\"/openapi/" + svc + "\">" + SERVICE_NAMES.get(svc) + "</option>");
        }
        // the selected document (analytics) was fetched through the gateway and rendered
        assertThat(dom).contains("Lurker analytics API").contains("/api/v1/analytics-things");
    }

    private StubService.Seen lastSeen(StubService stub, String path) {
        return stub.seen.stream().filter(s -> s.path().equals(path)).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError(stub.name + " never saw " + path + ": " + stub.seen));
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20));
        headers.forEach(b::header);
        return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, byte[] body) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return http.send(req, HttpResponse.BodyHandlers.ofString());
    }

    private static String readIfExists(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p) : "";
    }
}
