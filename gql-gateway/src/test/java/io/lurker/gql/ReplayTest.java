package io.lurker.gql;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.lurker.contracts.chat.ChatMessage;
import io.lurker.contracts.chat.ChatSource;
import io.lurker.contracts.chat.EmoteProvider;
import io.lurker.emulator.testing.EmulatorAdmin;
import io.lurker.emulator.testing.GqlEmulatorAdmin;
import io.lurker.emulator.testing.InjectEmulatorAdmin;
import io.lurker.gql.support.IntegrityServiceTestResource;
import io.lurker.gql.support.ReplayProbe;
import io.lurker.tokenpool.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A VOD's full chat replay through the real broker: every comment of the emulator's ground truth
 * arrives, as chat with source replay, on chat.replay.<video_id>, also when the job breaks
 * midway (Twitch failing) and is resumed from its saved position; duplicates, if any, share ids.
 */
@QuarkusTest
@WithTestResource(IntegrityServiceTestResource.class)
class ReplayTest {

    @InjectEmulatorAdmin
    EmulatorAdmin emulator;

    @ConfigProperty(name = "lurker.test.emulator.url")
    String emulatorUrl;

    @ConfigProperty(name = "lurker.test.emulator.admin-key")
    String adminKey;

    @Inject
    ReplayProbe probe;

    private JsonNode replayVideo(GqlEmulatorAdmin gql) {
        for (JsonNode a : gql.archivesWithComments(1000)) {
            int total = a.path("comments").asInt();
            if (!a.path("live").asBoolean() && total >= 600 && total <= 3000) {
                return a;
            }
        }
        throw new AssertionError("no archive with 600..3000 comments");
    }

    private static JsonPath progress(String videoId) {
        return given().auth().oauth2(TestTokens.read()).get("/api/v1/gql/replays/" + videoId).then().statusCode(200)
                .extract().jsonPath();
    }

    @Test
    void aFullReplayBrokenMidwayArrivesCompleteWithStableIds() {
        GqlEmulatorAdmin gql = new GqlEmulatorAdmin(emulatorUrl, adminKey);
        JsonNode video = replayVideo(gql);
        String videoId = video.path("video_id").asText();
        JsonNode truth = gql.truthComments(videoId);
        List<String> truthIds = new ArrayList<>();
        Map<String, String> truthText = new HashMap<>();
        for (JsonNode c : truth.path("data")) {
            truthIds.add(c.path("id").asText());
            truthText.put(c.path("id").asText(), c.path("text").asText());
        }
        probe.clear();

        // slow Twitch down, then break it after a few pages
        emulator.setFault("/gql", 0, 0, 150, false);
        given().auth().oauth2(TestTokens.admin()).post("/api/v1/gql/replays/" + videoId).then().statusCode(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> progress(videoId).getInt("progress.batchesPublished") >= 3);
        emulator.setFault("/gql", 1.0, 503, 0, false);
        await().atMost(Duration.ofSeconds(60)).until(() -> "failed".equals(progress(videoId).getString("progress.state")));
        JsonPath broken = progress(videoId);
        assertThat(broken.getString("progress.error")).contains("503");
        long publishedBeforeBreak = broken.getLong("progress.commentsPublished");
        assertThat(publishedBeforeBreak).isPositive().isLessThan(truthIds.size());

        // Twitch is back: the job continues from the saved cursor
        emulator.clearFaults();
        given().auth().oauth2(TestTokens.admin()).post("/api/v1/gql/replays/" + videoId).then().statusCode(202);
        await().atMost(Duration.ofSeconds(120)).until(() -> "complete".equals(progress(videoId).getString("progress.state")));
        JsonPath done = progress(videoId);
        assertThat(done.getLong("progress.commentsPublished")).isEqualTo(truthIds.size());
        assertThat(done.getString("progress.channelId")).isEqualTo(video.path("user_id").asText());
        assertThat(done.getString("progress.completedAt")).isNotNull();

        long batches = done.getLong("progress.batchesPublished");
        await().atMost(Duration.ofSeconds(30)).until(() -> probe.received().stream()
                .filter(r -> r.batch().videoId().equals(videoId)).count() >= batches);
        List<ReplayProbe.Received> received = probe.received().stream().filter(r -> r.batch().videoId().equals(videoId)).toList();
        Set<String> ids = new LinkedHashSet<>();
        Map<String, ChatMessage> byId = new HashMap<>();
        int completeBatches = 0;
        for (ReplayProbe.Received r : received) {
            assertThat(r.routingKey()).isEqualTo("chat.replay." + videoId);
            assertThat(r.batch().channelId()).isEqualTo(video.path("user_id").asText());
            assertThat(r.batch().channelLogin()).isEqualTo(video.path("user_login").asText());
            if (r.batch().complete()) {
                completeBatches++;
            }
            for (ChatMessage m : r.batch().messages()) {
                ChatMessage earlier = byId.putIfAbsent(m.id(), m);
                if (earlier != null) {
                    // a redelivered comment is the same comment
                    assertThat(m.text()).isEqualTo(earlier.text());
                    assertThat(m.replay()).isEqualTo(earlier.replay());
                }
                ids.add(m.id());
                assertThat(m.source()).isEqualTo(ChatSource.REPLAY);
                assertThat(m.replay().videoId()).isEqualTo(videoId);
                assertThat(m.text()).isEqualTo(truthText.get(m.id()));
                assertThat(m.raw()).contains(m.id());
                assertThat(m.emotes()).allMatch(e -> e.provider() == EmoteProvider.TWITCH);
            }
        }
        assertThat(completeBatches).isEqualTo(1);
        assertThat(received.get(received.size() - 1).batch().complete()).isTrue();
        assertThat(new ArrayList<>(ids)).containsExactlyElementsOf(truthIds);
        assertThat(byId.values()).anyMatch(m -> !m.emotes().isEmpty()).anyMatch(m -> !m.author().badges().isEmpty());

        // a complete replay is not published again
        int before = probe.received().size();
        given().auth().oauth2(TestTokens.admin()).post("/api/v1/gql/replays/" + videoId).then().statusCode(202);
        assertThat(progress(videoId).getString("progress.state")).isEqualTo("complete");
        assertThat(probe.received()).hasSize(before);
        assertThat(given().auth().oauth2(TestTokens.read()).get("/api/v1/gql/replays").then().statusCode(200).extract().jsonPath()
                .getList("videoId")).contains(videoId);
    }

    @Test
    void pausingAndResumingLosesNothing() {
        GqlEmulatorAdmin gql = new GqlEmulatorAdmin(emulatorUrl, adminKey);
        JsonNode video = null;
        for (JsonNode a : gql.archivesWithComments(1000)) {
            int total = a.path("comments").asInt();
            if (!a.path("live").asBoolean() && total >= 300 && total < 600) {
                video = a;
                break;
            }
        }
        assertThat(video).isNotNull();
        String videoId = video.path("video_id").asText();
        int total = gql.truthComments(videoId).path("total").asInt();
        emulator.setFault("/gql", 0, 0, 200, false);
        try {
            given().auth().oauth2(TestTokens.admin()).post("/api/v1/gql/replays/" + videoId + "?restart=true").then().statusCode(202);
            await().atMost(Duration.ofSeconds(60)).until(() -> progress(videoId).getInt("progress.batchesPublished") >= 1);
            given().auth().oauth2(TestTokens.admin()).delete("/api/v1/gql/replays/" + videoId).then().statusCode(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> "paused".equals(progress(videoId).getString("progress.state")));
            assertThat(progress(videoId).getLong("progress.commentsPublished")).isLessThan(total);
        } finally {
            emulator.clearFaults();
        }
        given().auth().oauth2(TestTokens.admin()).post("/api/v1/gql/replays/" + videoId).then().statusCode(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> "complete".equals(progress(videoId).getString("progress.state")));
        assertThat(progress(videoId).getLong("progress.commentsPublished")).isEqualTo(total);
        await().atMost(Duration.ofSeconds(30)).until(() -> probe.received().stream().filter(r -> r.batch().videoId().equals(videoId))
                .flatMap(r -> r.batch().messages().stream()).map(ChatMessage::id).distinct().count() == total);
    }
}
