package io.lurker.integrity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lurker.emulator.testing.EmulatorAdmin;
import io.lurker.emulator.testing.EmulatorTestResource;
import io.lurker.emulator.testing.InjectEmulatorAdmin;
import io.lurker.tokenpool.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Drill 8, short: the integrity browser is killed ({@code kill -9} of Chromium's whole process
 * tree) in the middle of a capture. The emulator holds the page's {@code /integrity} call so that
 * the kill lands while the page waits for its token. Then:
 * <ul>
 *   <li>the capture in progress fails, and the token API (what gql-gateway calls) answers 503
 *       problem+json with {@code Retry-After} naming the browser failure, without a stack trace;</li>
 *   <li>the service stays ready and recovers by itself: the next check launches a fresh browser
 *       (another process) and stores a new token;</li>
 *   <li>nothing of the killed browser is left: no process with its profile, no zombie child.</li>
 * </ul>
 * The second kill lands at a random moment of a capture (launch, page load or token call). Found by it:
 * a browser killed just after launch left Playwright's {@code newPage} waiting forever (no timeout of
 * its own), so the service never captured again; now a watchdog ends such a capture after the capture
 * timeout + 15 s. The third kill also takes the Playwright driver (the browser's parent): one failed
 * capture, and the next one starts a fresh driver by itself.
 */
@QuarkusTest
@io.quarkus.test.junit.TestProfile(OwnApp.class)
@WithTestResource(EmulatorTestResource.class)
class BrowserKilledDrillTest {

    private static final Pattern PROFILE = Pattern.compile("--user-data-dir=(\\S+)");

    @InjectEmulatorAdmin
    EmulatorAdmin emulator;

    @Test
    void aBrowserKilledDuringACaptureFailsThatCaptureCleanlyAndTheNextOneSucceeds() throws Exception {
        JsonPath first = awaitToken();

        // 1. killed while the page waits for its integrity token (the emulator holds /integrity)
        long pagesBefore = emulator.requests("/web");
        emulator.setFault("/integrity", 0, 0, 8_000, false);
        Killed killed;
        try {
            refresh();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> emulator.requests("/web") > pagesBefore);
            Thread.sleep(300); // the page's script has sent its /integrity call
            killed = killBrowserTree();
            assertFailedCleanly(killed);
        } finally {
            emulator.clearFaults();
        }
        JsonPath second;
        try (BrowserWatch watch = new BrowserWatch()) {
            second = awaitNewToken(first.getString("token"));
            assertThat(watch.profiles).as("the recovering capture ran in a fresh browser (a new profile)").isNotEmpty()
                    .doesNotContainAnyElementsOf(killed.profiles());
        }
        assertNothingLeft(killed);

        // 2. killed at a random moment of a capture: as soon as its browser exists, after 0-1.5 s
        refresh();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> !browsers().isEmpty());
        Thread.sleep((long) (Math.random() * 1_500));
        Killed again = killBrowserTree();
        if (!again.roots().isEmpty()) {
            // the capture may have ended just before the kill: then there is nothing to fail
            await().atMost(Duration.ofSeconds(60)).until(() -> token().statusCode() == 503 || isNew(second));
        }
        JsonPath third = awaitNewToken(second.getString("token"));
        assertNothingLeft(again);

        // 3. the Playwright driver (the browser's parent) killed with the browser: one failed capture, the next one
        //    starts a fresh driver by itself
        long failuresBefore = status().getLong("failures");
        long pagesThen = emulator.requests("/web");
        emulator.setFault("/integrity", 0, 0, 8_000, false);
        Killed withDriver;
        List<Long> drivers;
        try {
            refresh();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> emulator.requests("/web") > pagesThen);
            Thread.sleep(300);
            drivers = ProcessHandle.current().children().filter(p -> p.info().commandLine()
                    .map(c -> c.contains("playwright") || c.contains("run-driver")).orElse(false)).map(ProcessHandle::pid).toList();
            assertThat(drivers).as("the Playwright driver").isNotEmpty();
            drivers.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            withDriver = killBrowserTree();
            assertFailedCleanly(withDriver);
        } finally {
            emulator.clearFaults();
        }
        awaitNewToken(third.getString("token"));
        assertNothingLeft(withDriver);
        assertThat(drivers).allMatch(pid -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
        assertThat(status().getLong("failures") - failuresBefore).as("failed captures: only the one the kill hit").isEqualTo(1);

        JsonPath status = status();
        assertThat(status.getLong("failures")).isGreaterThanOrEqualTo(2);
        assertThat(status.getString("lastFailure")).as("a success clears the last failure").isNull();
        assertThat(status.getBoolean("tokenPresent")).isTrue();
    }

    /** The capture in progress fails: every answer of the token API is a clean 503 until the next capture. */
    private static void assertFailedCleanly(Killed killed) {
        assertThat(killed.roots()).as("a browser was running when the kill came").isNotEmpty();
        assertThat(killed.profiles()).isNotEmpty();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            Response r = token();
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.jsonPath().getString("detail")).contains("capture failed").contains("browser");
        });
        Response r = token();
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.header("Retry-After")).as("Retry-After").isNotNull().matches("[1-9][0-9]*");
        String body = r.asString();
        assertThat(body).doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("com.microsoft")
                .doesNotContain("playwright.");
        JsonPath problem = r.jsonPath();
        assertThat(problem.getInt("status")).isEqualTo(503);
        assertThat(problem.getString("title")).isNotBlank();
        assertThat(problem.getString("token")).isNull();

        given().get("/q/health/ready").then().statusCode(200);
        JsonPath status = given().auth().oauth2(TestTokens.admin()).get("/api/v1/integrity/status").then().statusCode(200)
                .extract().jsonPath();
        assertThat(status.getString("lastFailure")).contains("browser");
        assertThat(status.getBoolean("tokenPresent")).isFalse();
    }

    /** The killed browser's processes are gone (also those re-parented away from us) and no child of ours is a zombie. */
    private static void assertNothingLeft(Killed killed) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (String profile : killed.profiles()) {
                assertThat(processesMentioning(profile)).as("processes of the killed browser (%s)", profile).isEmpty();
            }
            for (long pid : killed.pids()) {
                assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("killed pid %d", pid).isEmpty();
            }
            assertThat(ProcessHandle.current().descendants().filter(p -> "Z".equals(state(p.pid()))).map(ProcessHandle::pid)
                    .toList()).as("zombie descendants").isEmpty();
            assertThat(browsers()).as("browsers running after the capture ended").isEmpty();
        });
    }

    /** Records the profiles of the browsers that run while it is open (sampled every 50 ms). */
    static final class BrowserWatch implements AutoCloseable {
        final Set<String> profiles = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private final Thread thread = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                browsers().forEach(p -> p.info().commandLine().map(PROFILE::matcher).filter(Matcher::find)
                        .ifPresent(m -> profiles.add(m.group(1))));
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "browser-watch");

        BrowserWatch() {
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() {
            thread.interrupt();
        }
    }

    private static boolean isNew(JsonPath previous) {
        Response r = token();
        return r.statusCode() == 200 && !previous.getString("token").equals(r.jsonPath().getString("token"));
    }

    record Killed(List<Long> roots, List<Long> pids, Set<String> profiles) {
    }

    /** {@code kill -9} of every Chromium process started under this JVM (the browser and its zygotes, renderers, GPU). */
    private static Killed killBrowserTree() {
        List<ProcessHandle> tree = ProcessHandle.current().descendants().filter(BrowserKilledDrillTest::isChromium).toList();
        List<Long> roots = tree.stream().filter(p -> p.info().commandLine().map(c -> !c.contains("--type=")).orElse(false))
                .map(ProcessHandle::pid).toList();
        Set<String> profiles = tree.stream().map(p -> p.info().commandLine().orElse("")).map(PROFILE::matcher)
                .filter(Matcher::find).map(m -> m.group(1)).collect(Collectors.toSet());
        List<Long> pids = new ArrayList<>();
        for (ProcessHandle p : tree) {
            p.destroyForcibly(); // SIGKILL
            pids.add(p.pid());
        }
        return new Killed(roots, pids, profiles);
    }

    private static List<ProcessHandle> browsers() {
        return ProcessHandle.current().descendants().filter(BrowserKilledDrillTest::isChromium).filter(ProcessHandle::isAlive)
                .filter(p -> !"Z".equals(state(p.pid()))).toList();
    }

    private static boolean isChromium(ProcessHandle p) {
        return p.info().command().map(c -> c.contains("chromium") || c.contains("chrome")).orElse(false);
    }

    /** Every process of the machine whose command line names {@code text} (the killed browser's temporary profile). */
    private static List<Long> processesMentioning(String text) {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().map(c -> c.contains(text)).orElse(false))
                .filter(p -> !"Z".equals(state(p.pid()))).map(ProcessHandle::pid).toList();
    }

    /** The state letter of /proc/PID/stat (R, S, Z, ...), or null once the process is gone. */
    private static String state(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return Optional.of(stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3)).orElse(null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static JsonPath status() {
        return given().auth().oauth2(TestTokens.admin()).get("/api/v1/integrity/status").then().statusCode(200).extract().jsonPath();
    }

    private static Response token() {
        return given().auth().oauth2(TestTokens.internal()).get("/api/v1/integrity/token");
    }

    private static void refresh() {
        given().auth().oauth2(TestTokens.internal()).post("/api/v1/integrity/refresh").then().statusCode(202);
    }

    private static JsonPath awaitToken() {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> token().statusCode() == 200);
        return token().then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath awaitNewToken(String previous) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> token().statusCode() == 200 && !previous.equals(token().jsonPath().getString("token")));
        return token().then().statusCode(200).extract().jsonPath();
    }
}
