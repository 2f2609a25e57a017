package io.lurker.auth.twitch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lurker.auth.AuthConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Twitch's OAuth endpoints ({@code lurker.twitch.id-url}: {@code https://id.twitch.tv/oauth2}
 * or the emulator's): client credentials, refresh and device-code grants, validation and
 * revocation. Secrets travel only in request bodies; nothing here logs a request or an answer,
 * and errors carry only Twitch's message.
 */
@ApplicationScoped
public class TwitchAuthClient {

    private static final int MAX_REASON = 200;

    private final HttpClient http;
    private final String baseUrl;
    private final Duration timeout;
    private final ObjectMapper json;

    @Inject
    public TwitchAuthClient(@ConfigProperty(name = "lurker.twitch.id-url") String baseUrl, AuthConfig config, ObjectMapper json) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.timeout = config.twitchTimeout();
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public Uni<TwitchGrant> clientCredentials(String clientId, String clientSecret) {
        return token(form("client_id", clientId, "client_secret", clientSecret, "grant_type", "client_credentials"));
    }

    public Uni<TwitchGrant> refresh(String clientId, String clientSecret, String refreshToken) {
        return token(form("client_id", clientId, "client_secret", clientSecret, "grant_type", "refresh_token",
                "refresh_token", refreshToken));
    }

    public Uni<DeviceStart> startDevice(String clientId, Set<String> scopes) {
        return post("/device", form("client_id", clientId, "scopes", String.join(" ", new TreeSet<>(scopes))))
                .map(body -> new DeviceStart(text(body, "device_code"), text(body, "user_code"), text(body, "verification_uri"),
                        Duration.ofSeconds(body.path("expires_in").asLong(1800)), Duration.ofSeconds(body.path("interval").asLong(5))));
    }

    /** Polls the device grant; fails with reason {@code authorization_pending} until the user approved. */
    public Uni<TwitchGrant> pollDevice(String clientId, String clientSecret, String deviceCode) {
        return token(form("client_id", clientId, "client_secret", clientSecret,
                "grant_type", "urn:ietf:params:oauth:grant-type:device_code", "device_code", deviceCode));
    }

    /** Empty if Twitch says the token is not valid (401). */
    public Uni<Optional<TwitchValidation>> validate(String accessToken) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/validate"))
                .timeout(timeout).header("Authorization", "OAuth " + accessToken).GET().build();
        return send(request).map(response -> {
            if (response.statusCode() == 401) {
                return Optional.<TwitchValidation>empty();
            }
            JsonNode body = checked(response);
            long expiresIn = body.path("expires_in").asLong(0);
            return Optional.of(new TwitchValidation(text(body, "client_id"), optional(body, "user_id"), optional(body, "login"),
                    scopes(body.path("scopes")), expiresIn > 0 ? Optional.of(Instant.now().plusSeconds(expiresIn)) : Optional.empty()));
        });
    }

    public Uni<Void> revoke(String clientId, String token) {
        return post("/revoke", form("client_id", clientId, "token", token)).replaceWithVoid();
    }

    private Uni<TwitchGrant> token(String form) {
        return post("/token", form).map(body -> {
            long expiresIn = body.path("expires_in").asLong(0);
            Set<String> scopes = scopes(body.path("scope"));
            return new TwitchGrant(text(body, "access_token"), optional(body, "refresh_token"),
                    expiresIn > 0 ? Optional.of(Instant.now().plusSeconds(expiresIn)) : Optional.empty(), scopes);
        });
    }

    private Uni<JsonNode> post(String path, String form) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return send(request).map(this::checked);
    }

    private Uni<HttpResponse<String>> send(HttpRequest request) {
        return Uni.createFrom().completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                // the cause may name the URL but never the body; keep only its class
                .onFailure(e -> !(e instanceof TwitchAuthException))
                .transform(e -> new TwitchAuthException(0, "Twitch's auth endpoint could not be reached (" + e.getClass().getSimpleName() + ")"));
    }

    private JsonNode checked(HttpResponse<String> response) {
        JsonNode body;
        try {
            body = response.body() == null || response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
        } catch (Exception e) {
            body = json.createObjectNode();
        }
        if (response.statusCode() >= 300) {
            String reason = body.path("message").asText("");
            if (reason.isBlank()) {
                reason = body.path("error").asText("HTTP " + response.statusCode());
            }
            throw new TwitchAuthException(response.statusCode(), reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason);
        }
        return body;
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull() || value.asText().isEmpty()) {
            throw new TwitchAuthException(502, "Twitch's answer lacks " + field);
        }
        return value.asText();
    }

    private static Optional<String> optional(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() || value.asText().isEmpty() ? Optional.empty() : Optional.of(value.asText());
    }

    private static Set<String> scopes(JsonNode node) {
        Set<String> scopes = new TreeSet<>();
        if (node != null && node.isArray()) {
            node.forEach(s -> scopes.add(s.asText()));
        } else if (node != null && node.isTextual() && !node.asText().isBlank()) {
            scopes.addAll(Set.of(node.asText().trim().split("\\s+")));
        }
        return scopes;
    }

    private static String form(String... pairs) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put(pairs[i], pairs[i + 1]);
        }
        return values.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
