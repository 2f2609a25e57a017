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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Client of the emulator's IRC admin API ({@code /emulator/irc/*}) for other modules' tests:
 * traffic (pause, scale, firehose), faults (drop, stall, garbage, reconnect), counters and the
 * ids each channel sent. Non-2xx answers throw {@link IllegalStateException}.
 */
public class IrcEmulatorAdmin {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final String adminKey;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public IrcEmulatorAdmin(String baseUrl, String adminKey) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.adminKey = adminKey;
    }

    public JsonNode state() {
        return call("GET", "/emulator/irc", null);
    }

    public JsonNode counters() {
        return call("GET", "/emulator/irc/counters", null);
    }

    public JsonNode resetCounters() {
        return call("DELETE", "/emulator/irc/counters", null);
    }

    public JsonNode connections() {
        return call("GET", "/emulator/irc/connections", null);
    }

    /** Sets what is given (null: unchanged). */
    public JsonNode traffic(Boolean paused, Double scale, Double firehoseRate) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (paused != null) {
            body.put("paused", paused);
        }
        if (scale != null) {
            body.put("scale", scale);
        }
        if (firehoseRate != null) {
            body.put("firehose_rate", firehoseRate);
        }
        return call("PUT", "/emulator/irc/traffic", body);
    }

    /** {@code action}: drop, stall, garbage, reconnect; {@code channel} null = every connection. Returns connections hit. */
    public int fault(String action, String channel, Long durationMs, Integer lines) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("action", action);
        if (channel != null) {
            body.put("channel", channel);
        }
        if (durationMs != null) {
            body.put("duration_ms", durationMs);
        }
        if (lines != null) {
            body.put("lines", lines);
        }
        return call("POST", "/emulator/irc/faults", body).path("connections").asInt();
    }

    /** PRIVMSG ids the channel sent since the counters were reset, in order. */
    public List<String> sentMessageIds(String channel) {
        List<String> ids = new ArrayList<>();
        call("GET", "/emulator/irc/sent?channel=" + URLEncoder.encode(channel, StandardCharsets.UTF_8), null)
                .path("message_ids").forEach(n -> ids.add(n.asText()));
        return ids;
    }

    /** The whole {@code /emulator/irc/sent} answer of a channel. */
    public JsonNode sent(String channel) {
        return call("GET", "/emulator/irc/sent?channel=" + URLEncoder.encode(channel, StandardCharsets.UTF_8), null);
    }

    /** Logins of live channels, most watched first. */
    public List<String> liveLogins(int limit) {
        List<String> logins = new ArrayList<>();
        for (JsonNode s : call("GET", "/emulator/truth/streams", null).path("data")) {
            if (logins.size() < limit) {
                logins.add(s.path("user_login").asText());
            }
        }
        return logins;
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
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            String text = response.body();
            return text == null || text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("emulator IRC admin call failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
