package io.lurker.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged chat-ingest in the prod profile with no token-pool encryption key: it starts and
 * serves when connections log in anonymously (the default), and refuses to start, naming the
 * missing setting, when told to log in with pooled user tokens. Runs after {@code package}
 * (failsafe), against the real Redis and RabbitMQ.
 */
class ProdStartIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    @Test
    void anonymousStartsWithoutKeysPoolLoginRefusesToStartWithoutThem() throws Exception {
        assertThat(JAR).as("built by package").isRegularFile();
        Path work = Files.createDirectories(Path.of("target", "prod-start-" + UUID.randomUUID()));
        Path key = work.resolve("public.pem");
        try (InputStream in = ProdStartIT.class.getResourceAsStream("/lurker-test-public.pem")) {
            Files.copy(in, key, StandardCopyOption.REPLACE_EXISTING);
        }

        int port = freePort();
        Process anonymous = start(work, port, "anonymous");
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            int status = 0;
            while (status != 200 && System.nanoTime() < deadline && anonymous.isAlive()) {
                try {
                    status = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (IOException notYet) {
                    Thread.sleep(250);
                }
            }
            assertThat(status).as("ready without keys, anonymous; log %s:%n%s", work, log(work, "anonymous")).isEqualTo(200);
        } finally {
            stop(anonymous);
        }
        assertThat(log(work, "anonymous")).contains("login anonymous").doesNotContain("encryption key");

        Process pool = start(work, freePort(), "pool");
        try {
            assertThat(pool.waitFor(90, TimeUnit.SECONDS)).as("pool login without keys exits").isTrue();
            assertThat(pool.exitValue()).isNotZero();
        } finally {
            stop(pool);
        }
        assertThat(log(work, "pool")).contains("No token encryption key configured")
                .contains("lurker.token-pool.encryption.keys");
    }

    private static Process start(Path work, int port, String login) throws IOException {
        String id = UUID.randomUUID().toString();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
                "-Dmp.jwt.verify.publickey.location=" + work.resolve("public.pem").toAbsolutePath(),
                "-Dlurker.events.exchange=lurker.events.test." + id,
                "-Dlurker.chat.redis-prefix=lurker-test:" + id + ":chat:",
                "-Dlurker.token-pool.prefix=lurker-test:" + id + ":auth:",
                "-Dlurker.chat.spool-dir=" + work.resolve("spool-" + login).toAbsolutePath(),
                "-Dlurker.chat.watchlist.analytics-url=", "-Dlurker.chat.emotes.enabled=false",
                "-Dlurker.twitch.irc-host=127.0.0.1", "-Dlurker.twitch.irc-port=1", "-Dlurker.twitch.irc-tls=false",
                "-Dlurker.chat.irc.login=" + login,
                "-jar", JAR.toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve(login + ".log").toFile());
        // a prod deployment without keys: none may leak in from the environment
        builder.environment().keySet().removeIf(k -> k.startsWith("LURKER_TOKEN_POOL_") || k.startsWith("QUARKUS_PROFILE"));
        return builder.start();
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String log(Path work, String login) throws IOException {
        Path file = work.resolve(login + ".log");
        return Files.exists(file) ? Files.readString(file) : "";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
