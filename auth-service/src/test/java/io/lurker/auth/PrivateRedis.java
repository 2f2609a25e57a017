package io.lurker.auth;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server of the test's own on a free port (the shared one on 6379 is never stopped),
 * so a test can take Redis away and bring it back. Data survives a restart (append-only file).
 */
public class PrivateRedis implements QuarkusTestResourceLifecycleManager {

    private static Path dir;
    private static int port;
    private static Process server;

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("auth-redis");
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            startServer();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + port,
                "lurker.token-pool.redis-timeout", "1s",
                "lurker.security.revocation.redis-timeout", "1s");
    }

    @Override
    public void stop() {
        stopServer();
    }

    static int port() {
        return port;
    }

    static synchronized void startServer() throws Exception {
        server = new ProcessBuilder(List.of("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "yes", "--appendfsync", "always", "--dir", dir.toString()))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("redis-server did not start on port " + port);
                }
                Thread.sleep(50);
            }
        }
    }

    static synchronized void stopServer() {
        if (server != null) {
            server.destroy();
            try {
                server.waitFor(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server = null;
        }
    }
}
