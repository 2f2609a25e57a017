package io.lurker.emulator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small client of the emulator's admin API for other modules' tests: move the clock, inject
 * faults, read counters and ground truth, manage clients, users and tokens. Answers are Jackson
 * trees in the API's snake_case shapes (see twitch-emulator/README.md). Any non-2xx answer
 * throws {@link IllegalStateException} with the status and body.
 */
public class EmulatorAdmin {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final String adminKey;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public EmulatorAdmin(String baseUrl, String adminKey) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.adminKey = adminKey;
    }

    public String baseUrl() {
        return baseUrl;
    }

    // ---- clock

    public JsonNode clock() {
        return call("GET", "/emulator/clock", null);
    }

    public Instant now() {
        return Instant.parse(clock().path("now").asText());
    }

    public JsonNode advance(Duration by) {
        return call("POST", "/emulator/clock/advance", Map.of("seconds", by.toSeconds()));
    }

    /** Sets the mode (real, accelerated, manual; null keeps it), the factor (null keeps it) and/or jumps to {@code time} (null: no jump). */
    public JsonNode setClock(String mode, Double factor, Instant time) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (mode != null) {
            body.put("mode", mode);
        }
        if (factor != null) {
            body.put("factor", factor);
        }
        if (time != null) {
            body.put("time", time.toString());
        }
        return call("PUT", "/emulator/clock", body);
    }

    // ---- world

    public JsonNode world() {
        return call("GET", "/emulator/world", null);
    }

    /** Rebuilds the world; nulls keep the configured values, fixture "" forces a generated world. */
    public JsonNode resetWorld(Long seed, String size, String fixture) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (seed != null) {
            body.put("seed", seed);
        }
        if (size != null) {
            body.put("size", size);
        }
        if (fixture != null) {
            body.put("fixture", fixture);
        }
        return call("POST", "/emulator/world/reset", body);
    }

    // ---- faults

    /** Faults of one endpoint ({@code /helix/streams}, {@code /oauth2/token}, {@code *}). */
    public JsonNode setFault(String endpoint, double errorRate, int errorStatus, long latencyMs, boolean rateLimitStorm) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("endpoint", endpoint);
        body.put("error_rate", errorRate);
        body.put("error_status", errorStatus);
        body.put("latency_ms", latencyMs);
        body.put("rate_limit_storm", rateLimitStorm);
        return call("PUT", "/emulator/faults", body);
    }

    public JsonNode clearFault(String endpoint) {
        return call("DELETE", "/emulator/faults?endpoint=" + enc(endpoint), null);
    }

    public JsonNode clearFaults() {
        return call("DELETE", "/emulator/faults", null);
    }

    // ---- counters and rate limits

    public JsonNode counters() {
        return call("GET", "/emulator/counters", null);
    }

    public void resetCounters() {
        call("DELETE", "/emulator/counters", null);
    }

    /** One bucket's counters ({@code app:<client>} or {@code user:<client>:<user>}), or a missing node when unused. */
    public JsonNode bucket(String bucket) {
        for (JsonNode node : counters().path("buckets")) {
            if (bucket.equals(node.path("bucket").asText())) {
                return node;
            }
        }
        return JSON.missingNode();
    }

    /** Requests to {@code endpoint} (e.g. {@code /helix/streams}) since the last reset. */
    public long requests(String endpoint) {
        return counters().path("endpoints").path(endpoint).asLong(0);
    }

    public JsonNode setRateLimit(String bucket, int pointsPerMinute) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (bucket != null) {
            body.put("bucket", bucket);
        }
        body.put("points_per_minute", pointsPerMinute);
        return call("PUT", "/emulator/ratelimits", body);
    }

    // ---- auth

    public void addClient(String clientId, String clientSecret) {
        call("POST", "/emulator/clients", Map.of("client_id", clientId, "client_secret", clientSecret));
    }

    /** Authorises a world user (by login) for a client: {refresh_token, access_token, user_id, login, scopes, expires_in}. */
    public JsonNode addUser(String login, String clientId, String... scopes) {
        return call("POST", "/emulator/users", Map.of("login", login, "client_id", clientId, "scopes", List.of(scopes)));
    }

    public void revokeToken(String token) {
        call("POST", "/emulator/tokens/revoke", Map.of("token", token));
    }

    public int expireAllTokens() {
        return call("POST", "/emulator/tokens/expire-all", Map.of()).path("expired").asInt();
    }

    public void approveDevice(String userCode, String login) {
        call("POST", "/emulator/device/approve", Map.of("user_code", userCode, "login", login));
    }

    public void rotateRefreshTokens(boolean rotate) {
        call("PUT", "/emulator/auth/settings", Map.of("rotate_refresh_tokens", rotate));
    }

    /**
     * Every secret the emulator knows or handed out: {client_secrets, access_tokens, refresh_tokens,
     * device_codes, integrity_tokens} (lists of strings), for checks that none leaks.
     */
    public JsonNode secrets() {
        return call("GET", "/emulator/secrets", null);
    }

    /** An app access token of a client, from the emulated {@code /oauth2/token}. */
    public String appToken(String clientId, String clientSecret) {
        String form = "client_id=" + enc(clientId) + "&client_secret=" + enc(clientSecret) + "&grant_type=client_credentials";
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return send(request).path("access_token").asText();
    }

    // ---- ground truth

    public JsonNode truthClipsOfBroadcaster(String broadcasterId, Instant from, Instant to) {
        return call("GET", "/emulator/truth/clips?broadcaster_id=" + enc(broadcasterId) + window(from, to), null);
    }

    public JsonNode truthClipsOfGame(String gameId, Instant from, Instant to) {
        return call("GET", "/emulator/truth/clips?game_id=" + enc(gameId) + window(from, to), null);
    }

    /** Live streams now; {@code gameId} null for all. */
    public JsonNode truthLiveStreams(String gameId) {
        return call("GET", "/emulator/truth/streams" + (gameId == null ? "" : "?game_id=" + enc(gameId)), null);
    }

    public JsonNode truthVideosOfUser(String userId) {
        return call("GET", "/emulator/truth/videos?user_id=" + enc(userId), null);
    }

    public JsonNode truthTopGames() {
        return call("GET", "/emulator/truth/games/top", null);
    }

    public long followerTotal(String broadcasterId) {
        return call("GET", "/emulator/truth/followers?broadcaster_id=" + enc(broadcasterId), null).path("total").asLong();
    }

    public JsonNode truthSessions(String userId, Instant from, Instant to) {
        return call("GET", "/emulator/truth/sessions?user_id=" + enc(userId) + window(from, to), null);
    }

    private static String window(Instant from, Instant to) {
        return (from == null ? "" : "&started_at=" + enc(from.toString())) + (to == null ? "" : "&ended_at=" + enc(to.toString()));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private JsonNode call(String method, String path, Object body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        if (adminKey != null) {
            builder.header("X-Emulator-Admin-Key", adminKey);
        }
        try {
            if (body != null) {
                builder.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            } else {
                builder.method(method, HttpRequest.BodyPublishers.noBody());
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
        return send(builder.build());
    }

    private JsonNode send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(request.method() + " " + request.uri().getPath() + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            String text = response.body();
            return text == null || text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("emulator admin call failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
