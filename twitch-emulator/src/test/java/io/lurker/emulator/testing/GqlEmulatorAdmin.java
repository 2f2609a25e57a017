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
import java.util.Map;

/**
 * The emulator's GraphQL admin API ({@code /emulator/gql/*}) for other modules' tests: read and
 * rotate persisted-query hashes, make the next calls fail with PersistedQueryNotFound, read
 * integrity and operation counters, and the ground truth of chat replay and chapters.
 * Build it from the values {@link EmulatorTestResource} hands out:
 * {@code new GqlEmulatorAdmin(config lurker.test.emulator.url, lurker.test.emulator.admin-key)}.
 */
public class GqlEmulatorAdmin {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final String adminKey;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public GqlEmulatorAdmin(String baseUrl, String adminKey) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.adminKey = adminKey;
    }

    /** {operations: {name: hash}, generations, bundle}. */
    public JsonNode hashes() {
        return call("GET", "/emulator/gql/hashes", null);
    }

    public String hash(String operation) {
        return hashes().path("operations").path(operation).asText();
    }

    /** Rotates one operation's hash, or all when {@code operation} is null. */
    public JsonNode rotate(String operation) {
        return call("POST", "/emulator/gql/hashes/rotate", operation == null ? Map.of() : Map.of("operation", operation));
    }

    public void failNext(int count) {
        call("POST", "/emulator/gql/hashes/fail-next", Map.of("count", count));
    }

    /** {operations: {name: {ok, persisted_query_not_found, failed_integrity_check, error}}, integrity}. */
    public JsonNode counters() {
        return call("GET", "/emulator/gql/counters", null);
    }

    /** {issued, issued_bad_bot, challenges_refused, checks: {ok, bad_bot, expired, ...}}. */
    public JsonNode integrity() {
        return call("GET", "/emulator/gql/integrity", null);
    }

    /** Every integrity token issued so far is refused from now on. */
    public void revokeIntegrityTokens() {
        call("POST", "/emulator/gql/integrity/revoke-all", Map.of());
    }

    public void resetCounters() {
        call("DELETE", "/emulator/gql/counters", null);
    }

    /** {video_id, total, data: [{id, content_offset_seconds, created_at, commenter_id, commenter_login, text, emote_ids}]}. */
    public JsonNode truthComments(String videoId) {
        return call("GET", "/emulator/gql/truth/comments?video_id=" + enc(videoId), null);
    }

    /** {video_id, data: [{position_seconds, duration_seconds, game_id, game_name}]}. */
    public JsonNode truthChapters(String videoId) {
        return call("GET", "/emulator/gql/truth/chapters?video_id=" + enc(videoId), null);
    }

    /** Archive VODs, smallest expected chat first: [{video_id, user_id, user_login, length_seconds, peak_viewers, live, chapters}]. */
    public JsonNode archives(int limit) {
        return call("GET", "/emulator/gql/truth/archives?limit=" + limit, null);
    }

    /** Like {@link #archives(int)}, each with its replay comment count ({@code comments}). */
    public JsonNode archivesWithComments(int limit) {
        return call("GET", "/emulator/gql/truth/archives?comments=true&limit=" + limit, null);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private JsonNode call(String method, String path, Object body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60));
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
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body() == null || response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("emulator admin call failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
