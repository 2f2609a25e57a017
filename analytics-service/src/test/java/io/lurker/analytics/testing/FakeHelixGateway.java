package io.lurker.analytics.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Stands in for helix-gateway (not built yet) in the watchlist tests: exactly its two lookups,
 * {@code GET /api/v1/helix/users?login=} and {@code GET /api/v1/helix/games?name=}, over a small
 * fixed data set, and only for the configured service token. The end-to-end test replaces it
 * with the real gateway.
 */
public final class FakeHelixGateway {

    public static final String TOKEN = "test-service-token";
    public static final Map<String, String[]> USERS = Map.of(
            "alpha", new String[] {"1001", "Alpha"},
            "bravo", new String[] {"1002", "Bravo"},
            "charlie", new String[] {"1003", "Charlie"});
    public static final Map<String, String> GAMES = Map.of(
            "League of Legends", "21779",
            "Just Chatting", "509658");

    private final HttpServer server;

    public FakeHelixGateway() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/helix/users", exchange -> answer(exchange, users(values(exchange, "login"))));
        server.createContext("/api/v1/helix/games", exchange -> answer(exchange, games(values(exchange, "name"))));
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void stop() {
        server.stop(0);
    }

    private static String users(List<String> logins) {
        List<String> rows = new ArrayList<>();
        for (String login : logins) {
            String[] user = USERS.get(login.toLowerCase(Locale.ROOT));
            if (user != null) {
                rows.add("{\"id\":\"" + user[0] + "\",\"login\":\"" + login.toLowerCase(Locale.ROOT)
                        + "\",\"display_name\":\"" + user[1] + "\"}");
            }
        }
        return "{\"data\":[" + String.join(",", rows) + "]}";
    }

    private static String games(List<String> names) {
        List<String> rows = new ArrayList<>();
        for (String name : names) {
            GAMES.forEach((game, id) -> {
                if (game.equalsIgnoreCase(name)) {
                    rows.add("{\"id\":\"" + id + "\",\"name\":\"" + game + "\",\"box_art_url\":\"https://x/" + id
                            + "-{width}x{height}.jpg\",\"igdb_id\":\"" + id + "0\"}");
                }
            });
        }
        return "{\"data\":[" + String.join(",", rows) + "]}";
    }

    private static List<String> values(HttpExchange exchange, String key) {
        List<String> values = new ArrayList<>();
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).equals(key)) {
                    values.add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }

    private static void answer(HttpExchange exchange, String body) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        byte[] bytes;
        int status;
        if (!("Bearer " + TOKEN).equals(auth)) {
            status = 401;
            bytes = "{\"error\":\"Unauthorized\"}".getBytes(StandardCharsets.UTF_8);
        } else {
            status = 200;
            bytes = body.getBytes(StandardCharsets.UTF_8);
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
