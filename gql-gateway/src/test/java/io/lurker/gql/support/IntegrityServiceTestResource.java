package io.lurker.gql.support;

import io.lurker.emulator.testing.EmulatorAdmin;
import io.lurker.emulator.testing.EmulatorTestResource;
import io.lurker.emulator.testing.InjectEmulatorAdmin;
import io.lurker.tokenpool.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The emulator (through {@link EmulatorTestResource}) plus the packaged integrity-service as a
 * separate process driving the real Chromium against it, so gql-gateway's tests use real
 * integrity tokens. One integrity-service per test JVM, killed at exit. It needs
 * {@code integrity-service/target/quarkus-app/quarkus-run.jar} (the reactor builds it first).
 */
public class IntegrityServiceTestResource implements QuarkusTestResourceLifecycleManager {

    private static volatile Running running;
    private final EmulatorTestResource emulator = new EmulatorTestResource();

    record Running(Process process, String url, Path log) {
    }

    @Override
    public void init(Map<String, String> initArgs) {
        emulator.init(initArgs);
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(emulator.start());
        synchronized (IntegrityServiceTestResource.class) {
            if (running == null || !running.process().isAlive()) {
                running = launch(config);
            }
        }
        config.put("lurker.gql.integrity-url", running.url());
        // a service token of the internal role, as auth-service would issue; valid for the test run
        config.put("lurker.gql.service-token", TestTokens.internal());
        config.put("lurker.test.integrity.url", running.url());
        return config;
    }

    @Override
    public void stop() {
        // shared by later test classes; the shutdown hook ends it
    }

    @Override
    public void inject(TestInjector testInjector) {
        emulator.inject(testInjector);
    }

    public static EmulatorAdmin emulatorAdmin(EmulatorTestResource resource) {
        return resource.admin();
    }

    private static Running launch(Map<String, String> emulatorConfig) {
        Path jar = findJar();
        int port = freePort();
        Path publicKey;
        Path log = Path.of(System.getProperty("user.dir"), "target", "integrity-service-" + port + ".log");
        try (InputStream in = IntegrityServiceTestResource.class.getClassLoader().getResourceAsStream("lurker-test-public.pem")) {
            if (in == null) {
                throw new IllegalStateException("lurker-test-public.pem not on the test classpath (token-pool test-jar)");
            }
            publicKey = Files.createTempFile("lurker-test-public", ".pem");
            Files.write(publicKey, in.readAllBytes());
            publicKey.toFile().deleteOnExit();
            Files.createDirectories(log.getParent());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx384m");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dquarkus.http.host=127.0.0.1");
        command.add("-Dlurker.integrity.enabled=true");
        command.add("-Dlurker.integrity.redis-prefix=lurker-test:" + UUID.randomUUID() + ":integrity:");
        command.add("-Dlurker.integrity.check-interval=1s");
        command.add("-Dlurker.integrity.min-launch-interval=PT1S");
        command.add("-Dlurker.integrity.capture-timeout=PT40S");
        command.add("-Dlurker.twitch.web-url=" + emulatorConfig.get("lurker.twitch.web-url"));
        command.add("-Dlurker.twitch.gql-url=" + emulatorConfig.get("lurker.twitch.gql-url"));
        command.add("-Dmp.jwt.verify.publickey.location=" + publicKey);
        // the packaged service runs in prod mode, where the token store needs an encryption key (a test key here)
        io.lurker.tokenpool.testing.TestEncryptionKeys.config().forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        try {
            Process process = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "integrity-service-test-shutdown"));
            String url = "http://127.0.0.1:" + port;
            awaitReady(process, url, log);
            return new Running(process, url, log);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start integrity-service: " + e.getMessage(), e);
        }
    }

    private static void awaitReady(Process process, String url, Path log) {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("integrity-service exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url + "/q/health/ready")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not yet listening
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        process.destroy();
        throw new IllegalStateException("integrity-service not ready in 90 s; see " + log);
    }

    private static Path findJar() {
        Path relative = Path.of("integrity-service", "target", "quarkus-app", "quarkus-run.jar");
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        throw new IllegalStateException("integrity-service/target/quarkus-app/quarkus-run.jar not found: build it first "
                + "('./mvnw -pl gql-gateway -am verify' does)");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static File unused() {
        return null;
    }

    static Class<?> marker() {
        return InjectEmulatorAdmin.class;
    }
}
