package io.lurker.emulator.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.File;
import java.io.IOException;
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
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Starts the packaged twitch-emulator as a separate JVM on free ports and points the test's
 * application at it. One process per distinct configuration per test JVM, shared by every
 * test class that asks for the same configuration, killed when the JVM exits.
 *
 * <pre>
 * &#64;QuarkusTest
 * &#64;WithTestResource(value = EmulatorTestResource.class, initArgs = {
 *         &#64;ResourceArg(name = EmulatorTestResource.SIZE, value = "small"),
 *         &#64;ResourceArg(name = EmulatorTestResource.CLOCK, value = "manual")})
 * class MyTest { &#64;InjectEmulatorAdmin EmulatorAdmin emulator; ... }
 * </pre>
 *
 * It needs {@code twitch-emulator/target/quarkus-app/quarkus-run.jar}, found by walking up
 * from {@code user.dir} to the reactor root (or given as {@code -Dlurker.emulator.jar=...}):
 * a reactor {@code verify} packages the emulator before the modules that depend on its test-jar.
 */
public class EmulatorTestResource implements QuarkusTestResourceLifecycleManager {

    /** World seed (default 42). */
    public static final String SEED = "seed";
    /** Size preset: tiny (default), small, default, large. */
    public static final String SIZE = "size";
    /** A fixture world: a file path, or classpath:... inside the emulator (it ships classpath:fixtures/small-world.json). */
    public static final String FIXTURE = "fixture";
    /** Clock mode: manual (default), accelerated, real. */
    public static final String CLOCK = "clock";
    /** Accelerated clock factor (default 60). */
    public static final String CLOCK_FACTOR = "clock-factor";
    /** Clock start, RFC 3339 (default 2025-03-14T18:00:00Z for manual and accelerated clocks). */
    public static final String CLOCK_START = "clock-start";
    /** Admin key the emulator requires (default: a fixed test key). */
    public static final String ADMIN_KEY = "admin-key";
    /** Extra emulator properties, comma-separated {@code key=value} (e.g. {@code lurker.emulator.auth.user-token-lifetime=PT2M}). */
    public static final String PROPERTIES = "properties";

    public static final String DEFAULT_CLIENT_ID = "lurker-dev-client";
    public static final String DEFAULT_CLIENT_SECRET = "lurker-dev-secret";
    public static final String DEFAULT_ADMIN_KEY = "emulator-test-admin-key";

    private static final Map<String, Running> RUNNING = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.values().forEach(r -> r.process.destroy()),
                "emulator-test-resource-shutdown"));
    }

    private final Map<String, String> args = new TreeMap<>();
    private Running running;

    @Override
    public void init(Map<String, String> initArgs) {
        args.clear();
        args.putAll(initArgs);
    }

    @Override
    public Map<String, String> start() {
        running = RUNNING.computeIfAbsent(args.toString(), key -> launch(args));
        return running.config();
    }

    @Override
    public void stop() {
        // shared with later test classes of this JVM; the shutdown hook ends it
    }

    @Override
    public void inject(TestInjector testInjector) {
        if (running != null) {
            testInjector.injectIntoFields(running.admin(),
                    new TestInjector.AnnotatedAndMatchesType(InjectEmulatorAdmin.class, EmulatorAdmin.class));
        }
    }

    /** The running emulator of this resource (after {@link #start()}). */
    public EmulatorAdmin admin() {
        return running.admin();
    }

    public String baseUrl() {
        return running.baseUrl;
    }

    record Running(Process process, String baseUrl, int ircPort, int ircTlsPort, String adminKey) {

        EmulatorAdmin admin() {
            return new EmulatorAdmin(baseUrl, adminKey);
        }

        Map<String, String> config() {
            Map<String, String> config = new HashMap<>();
            config.put("lurker.twitch.id-url", baseUrl + "/oauth2");
            config.put("lurker.twitch.helix-url", baseUrl + "/helix");
            config.put("lurker.twitch.gql-url", baseUrl + "/gql");
            config.put("lurker.twitch.web-url", baseUrl + "/web");
            config.put("lurker.twitch.bttv-url", baseUrl + "/bttv/3");
            config.put("lurker.twitch.ffz-url", baseUrl + "/ffz/v1");
            config.put("lurker.twitch.seventv-url", baseUrl + "/7tv/v3");
            config.put("lurker.twitch.irc-host", "127.0.0.1");
            config.put("lurker.twitch.irc-port", Integer.toString(ircPort));
            config.put("lurker.twitch.irc-tls", "false");
            config.put("lurker.test.emulator.url", baseUrl);
            config.put("lurker.test.emulator.admin-key", adminKey);
            config.put("lurker.test.emulator.client-id", DEFAULT_CLIENT_ID);
            config.put("lurker.test.emulator.client-secret", DEFAULT_CLIENT_SECRET);
            return config;
        }
    }

    /**
     * Starts the emulator; a free port picked here can be taken by another process before the emulator
     * binds it (several builds share the machine), so an emulator that exits at start-up is tried again
     * on other ports, up to three times.
     */
    private static Running launch(Map<String, String> args) {
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return launchOnce(args);
            } catch (ExitedAtStart e) {
                last = e;
            }
        }
        throw last;
    }

    /** The emulator process ended before it was ready. */
    static final class ExitedAtStart extends IllegalStateException {
        ExitedAtStart(String message) {
            super(message);
        }
    }

    private static Running launchOnce(Map<String, String> args) {
        Path jar = findJar();
        int port = freePort();
        int ircPort = freePort();
        int ircTlsPort = freePort();
        String adminKey = args.getOrDefault(ADMIN_KEY, DEFAULT_ADMIN_KEY);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx768m");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dquarkus.http.host=127.0.0.1");
        command.add("-Dquarkus.log.level=WARN");
        command.add("-Dquarkus.log.category.\"io.lurker\".level=INFO");
        command.add("-Dlurker.emulator.seed=" + args.getOrDefault(SEED, "42"));
        command.add("-Dlurker.emulator.size=" + args.getOrDefault(SIZE, "tiny"));
        command.add("-Dlurker.emulator.clock.mode=" + args.getOrDefault(CLOCK, "manual"));
        command.add("-Dlurker.emulator.clock.factor=" + args.getOrDefault(CLOCK_FACTOR, "60"));
        command.add("-Dlurker.emulator.admin-key=" + adminKey);
        command.add("-Dlurker.emulator.irc.port=" + ircPort);
        command.add("-Dlurker.emulator.irc.tls-port=" + ircTlsPort);
        if (args.containsKey(CLOCK_START)) {
            command.add("-Dlurker.emulator.clock.start=" + args.get(CLOCK_START));
        }
        if (args.containsKey(FIXTURE)) {
            command.add("-Dlurker.emulator.fixture=" + args.get(FIXTURE));
        }
        if (args.containsKey(PROPERTIES)) {
            for (String pair : args.get(PROPERTIES).split(",")) {
                if (!pair.isBlank()) {
                    command.add("-D" + pair.trim());
                }
            }
        }
        command.add("-jar");
        command.add(jar.toString());
        File log = logFile(port);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
            String baseUrl = "http://127.0.0.1:" + port;
            awaitReady(process, baseUrl, log);
            return new Running(process, baseUrl, ircPort, ircTlsPort, adminKey);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the emulator: " + e.getMessage(), e);
        }
    }

    private static void awaitReady(Process process, String baseUrl, File log) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        // generous: on a 2-core machine shared by several builds a JVM start can take a minute or more
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new ExitedAtStart("the emulator exited with " + process.exitValue() + "; see " + log + "\n"
                        + tail(log));
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the emulator", e);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the emulator", e);
            }
        }
        process.destroy();
        throw new IllegalStateException("the emulator did not become ready in 180 s; see " + log + "\n" + tail(log));
    }

    private static String tail(File log) {
        try {
            List<String> lines = Files.readAllLines(log.toPath());
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private static File logFile(int port) {
        Path target = Path.of(System.getProperty("user.dir"), "target");
        try {
            Files.createDirectories(target);
        } catch (IOException e) {
            return new File(System.getProperty("java.io.tmpdir"), "twitch-emulator-" + port + ".log");
        }
        return target.resolve("twitch-emulator-" + port + ".log").toFile();
    }

    static Path findJar() {
        String explicit = System.getProperty("lurker.emulator.jar");
        if (explicit != null && Files.isRegularFile(Path.of(explicit))) {
            return Path.of(explicit);
        }
        Path relative = Path.of("twitch-emulator", "target", "quarkus-app", "quarkus-run.jar");
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            if (dir.getFileName() != null && dir.getFileName().toString().equals("twitch-emulator")) {
                Path own = dir.resolve("target/quarkus-app/quarkus-run.jar");
                if (Files.isRegularFile(own)) {
                    return own;
                }
            }
        }
        throw new IllegalStateException("twitch-emulator/target/quarkus-app/quarkus-run.jar not found above "
                + System.getProperty("user.dir") + ": build the emulator first (a reactor './mvnw verify' does, or "
                + "'./mvnw -pl twitch-emulator package -DskipTests'), or set -Dlurker.emulator.jar");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
