package io.lurker.auth;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** Direct calls to the emulator's /oauth2, to check what Twitch thinks of a token. */
final class TwitchCalls {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private TwitchCalls() {
    }

    static int validateStatus(String emulatorUrl, String accessToken) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(emulatorUrl + "/oauth2/validate"))
                .header("Authorization", "OAuth " + accessToken).GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    static HttpResponse<String> refresh(String emulatorUrl, String clientId, String clientSecret, String refreshToken) throws Exception {
        String form = "grant_type=refresh_token&client_id=" + enc(clientId) + "&client_secret=" + enc(clientSecret)
                + "&refresh_token=" + enc(refreshToken);
        HttpRequest request = HttpRequest.newBuilder(URI.create(emulatorUrl + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
