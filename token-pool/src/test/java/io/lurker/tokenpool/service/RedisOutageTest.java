package io.lurker.tokenpool.service;

import static io.lurker.tokenpool.service.LeaseTest.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lurker.tokenpool.model.BucketKey;
import io.lurker.tokenpool.model.NewToken;
import io.lurker.tokenpool.model.RateLimitHeaders;
import io.lurker.tokenpool.model.TokenRequirements;
import io.lurker.tokenpool.repository.TokenPoolUnavailableException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Redis going away and coming back, on a Redis server of this test's own (the shared one is
 * never stopped): a clear 503 exception while it is down, and recovery without restarting
 * the pool, including scripts that the restarted server no longer knows.
 */
class RedisOutageTest {

    private Path dir;
    private int port;
    private Process server;
    private PoolFixture fx;

    @BeforeEach
    void startPrivateRedis() throws Exception {
        dir = Files.createTempDirectory("token-pool-redis");
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        startServer();
        fx = PoolFixture.create("redis://127.0.0.1:" + port, Map.of("lurker.token-pool.redis-timeout", "1s"));
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
        stopServer();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private void startServer() throws Exception {
        // append-only file in a temp dir: the data survives the restart, the script cache does not
        server = new ProcessBuilder(List.of("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "yes", "--appendfsync", "always", "--dir", dir.toString()))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
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

    private void stopServer() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroy();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void whileRedisIsDownCallsFailWith503AndWhenItReturnsThePoolWorksWithoutRestart() throws Exception {
        await(fx.admin.putToken(NewToken.app("clienta", "tok", null)));
        assertThat(await(fx.pool.lease(TokenRequirements.app(), Duration.ZERO)).accessToken()).isEqualTo("tok");

        stopServer();

        assertThatThrownBy(() -> await(fx.pool.lease(TokenRequirements.app(), Duration.ofSeconds(5))))
                .isInstanceOfSatisfying(TokenPoolUnavailableException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.getMessage()).contains("Redis is unavailable");
                });
        assertThatThrownBy(() -> await(fx.admin.tokens())).isInstanceOf(TokenPoolUnavailableException.class);
        assertThatThrownBy(() -> await(fx.pool.observe(BucketKey.app("clienta"), RateLimitHeaders.parse(null, "1", null))))
                .isInstanceOf(TokenPoolUnavailableException.class);

        startServer();

        // same pool object, same client: new connections, scripts loaded again on NOSCRIPT
        assertThat(await(fx.pool.lease(TokenRequirements.app(), Duration.ofSeconds(5))).accessToken()).isEqualTo("tok");
        assertThat(await(fx.pool.bucket(BucketKey.app("clienta"))).orElseThrow().leased()).isEqualTo(2);
    }

    @Test
    void aLeaseWaitingForPointsFailsWith503WhenRedisGoesAway() throws Exception {
        await(fx.admin.putToken(NewToken.app("clienta", "tok", null)));
        await(fx.admin.configureBucketLimit(BucketKey.app("clienta"), 6));
        await(fx.pool.observe(BucketKey.app("clienta"), RateLimitHeaders.parse(null, "0", null)));
        CompletableFuture<Lease> waiting = fx.pool.lease(TokenRequirements.app(), Duration.ofSeconds(30)).subscribeAsCompletionStage();
        Thread.sleep(300);

        stopServer();

        assertThatThrownBy(waiting::join).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(TokenPoolUnavailableException.class);
    }
}
