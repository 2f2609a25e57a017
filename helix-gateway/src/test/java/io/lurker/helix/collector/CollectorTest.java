package io.lurker.helix.collector;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.lurker.contracts.RoutingKeys;
import io.lurker.contracts.control.WatchlistChanged;
import io.lurker.contracts.control.WatchlistEntry;
import io.lurker.emulator.testing.EmulatorAdmin;
import io.lurker.emulator.testing.EmulatorTestResource;
import io.lurker.emulator.testing.InjectEmulatorAdmin;
import io.lurker.helix.config.HelixConfig;
import io.lurker.helix.messaging.EventPublisher;
import io.lurker.helix.repository.JobLeaseStore;
import io.lurker.helix.service.Watchlist;
import io.lurker.helix.support.EventsProbe;
import io.lurker.helix.support.HelixEmulator;
import io.lurker.tokenpool.service.TokenPoolAdmin;
import io.lurker.tokenpool.testing.TestTokens;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Collectors through the real broker against the emulator's ground truth; two runners, each poll once. */
@QuarkusTest
@WithTestResource(value = EmulatorTestResource.class, initArgs = {
        @ResourceArg(name = EmulatorTestResource.SIZE, value = "small"),
        @ResourceArg(name = EmulatorTestResource.PROPERTIES, value = "lurker.emulator.clips-page-cap=50")})
class CollectorTest {

    private static final AtomicLong VERSION = new AtomicLong(1000);

    @InjectEmulatorAdmin
    EmulatorAdmin emulator;

    @Inject
    TokenPoolAdmin pool;

    @Inject
    Watchlist watchlist;

    @Inject
    EventsProbe probe;

    @Inject
    EventPublisher publisher;

    @Inject
    Instance<Collector> collectors;

    @Inject
    JobLeaseStore leases;

    @Inject
    HelixConfig config;

    @BeforeEach
    void setUp() {
        emulator.clearFaults();
        HelixEmulator.ensureAppToken(emulator, pool);
        probe.clear();
    }

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    /** Replaces the watchlist: a version jump makes the list reload (analytics is unreachable here) and take the delta. */
    private void watch(List<JsonNode> channels) {
        List<WatchlistEntry> added = channels.stream()
                .map(c -> new WatchlistEntry(WatchlistEntry.Kind.CHANNEL, c.path("user_id").asText(), c.path("user_login").asText()))
                .toList();
        watchlist.apply(new WatchlistChanged(1, VERSION.addAndGet(10), Instant.now(), added, List.of()));
    }

    private JsonPath run(String name, String... query) {
        var request = given().auth().oauth2(TestTokens.admin());
        for (int i = 0; i + 1 < query.length; i += 2) {
            request.queryParam(query[i], query[i + 1]);
        }
        return request.post("/api/v1/collectors/" + name + "/run").then().statusCode(200).extract().jsonPath();
    }

    private List<EventsProbe.Received> received(String routingKey, int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> probe.of(routingKey).size() >= count);
        return probe.of(routingKey);
    }

    @Test
    void streamMonitorPublishesOneSnapshotPerPollAndTheChanges() {
        List<JsonNode> live = list(emulator.truthLiveStreams(null).path("data"));
        List<JsonNode> watched = new ArrayList<>(live.subList(0, Math.min(8, live.size())));
        watch(watched);
        JsonPath first = run("streams");
        assertThat(first.getInt("published.'stream.snapshot'")).isEqualTo(1);
        JsonNode snapshot = received(RoutingKeys.STREAM_SNAPSHOT, 1).get(0).body();
        Map<String, Integer> viewers = new HashMap<>();
        snapshot.path("live").forEach(s -> viewers.put(s.path("channelId").asText(), s.path("viewerCount").asInt()));
        assertThat(viewers).hasSize(watched.size());
        watched.forEach(w -> assertThat(viewers.get(w.path("user_id").asText())).isEqualTo(w.path("viewer_count").asInt()));
        assertThat(list(snapshot.path("polledChannelIds"))).hasSize(watched.size());

        // hours later some went offline, some started a new broadcast, some changed game or title
        Map<String, String> streamBefore = watched.stream().collect(Collectors.toMap(w -> w.path("user_id").asText(), w -> w.path("id").asText()));
        emulator.advance(Duration.ofHours(5));
        Map<String, String> streamAfter = new HashMap<>();
        list(emulator.truthLiveStreams(null).path("data")).forEach(s -> streamAfter.put(s.path("user_id").asText(), s.path("id").asText()));
        probe.clear();
        run("streams");
        received(RoutingKeys.STREAM_SNAPSHOT, 1);
        Set<String> expectedOffline = new HashSet<>();
        Set<String> expectedOnline = new HashSet<>();
        streamBefore.forEach((channel, stream) -> {
            String now = streamAfter.get(channel);
            if (!stream.equals(now)) {
                expectedOffline.add(stream + ":offline");
                if (now != null) {
                    expectedOnline.add(now + ":online");
                }
            }
        });
        assertThat(expectedOffline).as("the world changed in 5 hours").isNotEmpty();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Set<String> ids = probe.of(RoutingKeys.STREAM_EVENT).stream().map(EventsProbe.Received::messageId).collect(Collectors.toSet());
            assertThat(ids.stream().filter(i -> i.endsWith(":offline")).collect(Collectors.toSet())).isEqualTo(expectedOffline);
            assertThat(ids.stream().filter(i -> i.endsWith(":online")).collect(Collectors.toSet())).isEqualTo(expectedOnline);
        });
    }

    @Test
    void categoriesAreTheTopGamesWithAllTheirStreams() {
        JsonPath report = run("categories");
        assertThat(report.getInt("published.'catalog.category'")).isEqualTo(1);
        assertThat(report.getInt("requests")).isGreaterThan(10);
        JsonNode batch = received(RoutingKeys.CATALOG_CATEGORY, 1).get(0).body();
        List<JsonNode> truth = list(emulator.truthTopGames().path("data")).subList(0, 10);
        List<JsonNode> categories = list(batch.path("categories"));
        assertThat(categories).hasSize(10);
        for (int i = 0; i < 10; i++) {
            assertThat(categories.get(i).path("gameId").asText()).isEqualTo(truth.get(i).path("id").asText());
            assertThat(categories.get(i).path("streams").asInt()).isEqualTo(truth.get(i).path("live_streams").asInt());
            assertThat(categories.get(i).path("viewers").asLong()).isEqualTo(truth.get(i).path("viewers").asLong());
            assertThat(categories.get(i).path("rank").asInt()).isEqualTo(i + 1);
        }
    }

    @Test
    void clipsVodsAndChannelsOfTheWatchlistEqualTheTruth() {
        Instant now = emulator.now();
        Instant from = now.minus(Duration.ofDays(14));
        List<JsonNode> watched = list(emulator.truthLiveStreams(null).path("data")).subList(0, 3);
        watch(watched);

        run("clips", "since", from.toString(), "until", now.toString());
        Set<String> expectedClips = new HashSet<>();
        watched.forEach(w -> list(emulator.truthClipsOfBroadcaster(w.path("user_id").asText(), from, now).path("data"))
                .forEach(c -> expectedClips.add(c.path("id").asText())));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(probe.of(RoutingKeys.CATALOG_CLIP).stream()
                .flatMap(r -> list(r.body().path("clips")).stream()).map(c -> c.path("id").asText()).toList())
                .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expectedClips));

        run("vods", "since", from.toString(), "until", now.toString());
        Set<String> expectedVods = new HashSet<>();
        watched.forEach(w -> list(emulator.truthVideosOfUser(w.path("user_id").asText()).path("data")).stream()
                .filter(v -> !Instant.parse(v.path("created_at").asText()).isBefore(from))
                .forEach(v -> expectedVods.add(v.path("id").asText())));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(probe.of(RoutingKeys.CATALOG_VOD).stream()
                .flatMap(r -> list(r.body().path("vods")).stream()).map(v -> v.path("id").asText()).toList())
                .containsExactlyInAnyOrderElementsOf(expectedVods));

        run("channels");
        JsonNode channels = received(RoutingKeys.CATALOG_CHANNEL, 1).get(0).body();
        assertThat(list(channels.path("channels"))).hasSize(3);
        for (JsonNode c : channels.path("channels")) {
            assertThat(c.path("followersTotal").asLong()).isEqualTo(emulator.followerTotal(c.path("channelId").asText()));
        }
    }

    @Test
    void twoRunnersPublishEachPollOnce() throws Exception {
        CollectorRunner a = new CollectorRunner(collectors, leases, publisher, config, new SimpleMeterRegistry());
        CollectorRunner b = new CollectorRunner(collectors, leases, publisher, config, new SimpleMeterRegistry());
        long interval = a.interval("categories").toSeconds();
        Instant base = Instant.now().plusSeconds(interval * 10);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int poll = 0; poll < 3; poll++) {
                Instant at = base.plusSeconds(interval * poll);
                List<Future<Boolean>> runs = threads.invokeAll(List.<Callable<Boolean>>of(
                        () -> a.runScheduled("categories", at), () -> b.runScheduled("categories", at)));
                assertThat(runs.get(0).get() ^ runs.get(1).get()).as("exactly one runner polls slot %d", poll).isTrue();
                assertThat(a.runScheduled("categories", at.plusSeconds(1))).as("a done slot is not polled again").isFalse();
            }
        } finally {
            threads.shutdownNow();
        }
        received(RoutingKeys.CATALOG_CATEGORY, 3);
        Thread.sleep(500);
        List<String> ids = probe.of(RoutingKeys.CATALOG_CATEGORY).stream().map(EventsProbe.Received::messageId).toList();
        assertThat(ids).hasSize(3).doesNotHaveDuplicates();
    }

    @Test
    void aRunnerWhoseLeaseExpiredIsFencedOut() throws Exception {
        String job = "fencing-" + VERSION.incrementAndGet();
        JobLeaseStore.JobLease first = leases.tryAcquire(job, "replica-a", Duration.ofMillis(300)).orElseThrow();
        assertThat(leases.tryAcquire(job, "replica-b", Duration.ofSeconds(30))).as("held").isEmpty();
        Thread.sleep(600); // replica-a pauses longer than its lease
        JobLeaseStore.JobLease second = leases.tryAcquire(job, "replica-b", Duration.ofSeconds(30)).orElseThrow();
        assertThat(second.fence()).isGreaterThan(first.fence());
        assertThat(leases.renew(first, Duration.ofSeconds(30))).isFalse();
        assertThat(leases.holds(first)).isFalse();
        assertThat(leases.complete(first, 7)).as("the old holder cannot record its poll").isFalse();
        assertThat(leases.replaceState(first, Map.of("k", "v"))).isFalse();
        assertThat(leases.complete(second, 7)).isTrue();
        assertThat(leases.lastSlot(job)).hasValue(7);
        leases.release(first);
        assertThat(leases.holds(second)).as("releasing a lost lease leaves the new holder alone").isTrue();
        leases.release(second);
    }

    @Test
    void anOnDemandRunWaitsForTheLeaseThenConflicts() {
        JobLeaseStore.JobLease held = leases.tryAcquire("vods", "another-replica", Duration.ofSeconds(90)).orElseThrow();
        try {
            given().auth().oauth2(TestTokens.admin()).post("/api/v1/collectors/vods/run").then().statusCode(409)
                    .contentType("application/problem+json");
        } finally {
            leases.release(held);
        }
    }

    @Test
    void watchlistDeltasArriveThroughTheBroker() {
        JsonNode channel = emulator.truthLiveStreams(null).path("data").get(5);
        String id = channel.path("user_id").asText();
        watch(List.of());
        long version = VERSION.get() + 1;
        publisher.publish(new EventPublisher.OutgoingEvent(RoutingKeys.CONTROL_WATCHLIST, "w" + version, new WatchlistChanged(1, version,
                Instant.now(), List.of(new WatchlistEntry(WatchlistEntry.Kind.CHANNEL, id, channel.path("user_login").asText())), List.of())));
        await().atMost(Duration.ofSeconds(10)).until(() -> watchlist.channels().stream().anyMatch(c -> c.id().equals(id)));
        // what ./lurker pipeline waits for: the version it was given, with the channel in the list
        given().auth().oauth2(TestTokens.read()).get("/api/v1/collectors/watchlist").then().statusCode(200)
                .body("version", equalTo((int) version))
                .body("source", equalTo("analytics"))
                .body("channels.id", org.hamcrest.Matchers.hasItem(id));
        given().get("/api/v1/collectors/watchlist").then().statusCode(401);
    }

    @Test
    void rolesAndUnknownCollectors() {
        given().get("/api/v1/collectors").then().statusCode(401);
        given().auth().oauth2(TestTokens.internal()).get("/api/v1/collectors").then().statusCode(403);
        given().auth().oauth2(TestTokens.read()).get("/api/v1/collectors").then().statusCode(200)
                .body("name", org.hamcrest.Matchers.hasItems("streams", "categories", "clips", "clip-views", "vods", "channels"))
                .body("find { it.name == 'streams' }.intervalSeconds", equalTo(60));
        given().post("/api/v1/collectors/streams/run").then().statusCode(401);
        given().auth().oauth2(TestTokens.read()).post("/api/v1/collectors/streams/run").then().statusCode(403);
        given().auth().oauth2(TestTokens.admin()).post("/api/v1/collectors/nothing/run").then().statusCode(404);
        given().auth().oauth2(TestTokens.admin()).queryParam("since", "soon").post("/api/v1/collectors/clips/run").then().statusCode(400);
    }
}
