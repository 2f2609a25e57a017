package io.lurker.bench.tokenpool;

import io.lurker.tokenpool.model.RateLimitHeaders;
import io.lurker.tokenpool.service.Lease;
import io.smallrye.mutiny.Uni;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Real HTTP to a Helix-compatible server (the twitch-emulator, {@code http://127.0.0.1:8090/helix}):
 * {@code GET <helix-url><path>} with {@code Client-Id} and {@code Authorization: Bearer}, as the
 * gateways will send it. Also mints app tokens with the client-credentials grant.
 */
public final class HelixEmulatorUpstream implements Upstream {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI target;

    public HelixEmulatorUpstream(String helixUrl, String path) {
        this.target = URI.create(helixUrl + path);
    }

    @Override
    public Uni<Answer> call(Lease lease) {
        HttpRequest request = HttpRequest.newBuilder(target)
                .timeout(Duration.ofSeconds(10))
                .header("Client-Id", lease.clientId())
                .header("Authorization", lease.authorization())
                .GET().build();
        return Uni.createFrom().completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.discarding()))
                .map(response -> new Answer(response.statusCode(),
                        RateLimitHeaders.from(name -> response.headers().firstValue(name).orElse(null))));
    }

    /** {@code POST <id-url>/oauth2/token} with {@code grant_type=client_credentials}; returns the access token. */
    public static String mintAppToken(String idUrl, String clientId, String clientSecret) throws Exception {
        String form = form(Map.of("client_id", clientId, "client_secret", clientSecret, "grant_type", "client_credentials"));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(idUrl + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Minting an app token for " + clientId + " answered " + response.statusCode());
        }
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
        return json.get("access_token").asText();
    }

    private static String form(Map<String, String> fields) {
        StringBuilder out = new StringBuilder();
        fields.forEach((k, v) -> out.append(out.length() == 0 ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return out.toString();
    }
}
