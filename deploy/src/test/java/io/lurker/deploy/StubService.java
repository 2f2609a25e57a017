package io.lurker.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A tiny HTTP server standing in for one Lurker service behind the gateway: it records every
 * request it gets and answers with what it saw, so a test can tell which service got which path.
 * {@code /q/openapi} answers a minimal OpenAPI document titled after the service;
 * {@code /api/v1/slow} answers after five seconds.
 */
final class StubService implements AutoCloseable {

    record Seen(String method, String path, String query, String requestId, int bodyBytes) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    final String name;
    final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    StubService(String name) throws IOException {
        this.name = name;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    String address() {
        return "127.0.0.1:" + port();
    }

    private void handle(HttpExchange ex) throws IOException {
        int bodyBytes;
        try (InputStream in = ex.getRequestBody()) {
            bodyBytes = in.readAllBytes().length;
        }
        String path = ex.getRequestURI().getRawPath();
        String query = ex.getRequestURI().getRawQuery();
        seen.add(new Seen(ex.getRequestMethod(), path, query, ex.getRequestHeaders().getFirst("X-Request-Id"), bodyBytes));
        if (path.equals("/api/v1/slow")) {
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        if (path.equals("/q/openapi")) {
            body.put("openapi", "3.0.3");
            body.put("info", Map.of("title", "Lurker " + name + " API", "version", "1"));
            body.put("paths", Map.of("/api/v1/" + name + "-things", Map.of("get",
                    Map.of("summary", "list " + name + " things", "responses", Map.of("200", Map.of("description", "ok"))))));
        } else {
            body.put("service", name);
            body.put("path", path);
            body.put("query", query);
            body.put("bodyBytes", bodyBytes);
        }
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(200, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
