package io.lurker.gql;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.lurker.emulator.testing.GqlEmulatorAdmin;
import io.lurker.gql.support.IntegrityServiceTestResource;
import io.lurker.tokenpool.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** What an operator sees at /q/metrics: upstream outcomes by operation, hash rediscoveries, replay pages and comments. */
@QuarkusTest
@WithTestResource(IntegrityServiceTestResource.class)
class GqlMetricsTest {

    @ConfigProperty(name = "lurker.test.emulator.url")
    String emulatorUrl;

    @ConfigProperty(name = "lurker.test.emulator.admin-key")
    String adminKey;

    @Test
    void upstreamOutcomesRediscoveriesAndReplayPagesAreCounted() {
        GqlEmulatorAdmin gql = new GqlEmulatorAdmin(emulatorUrl, adminKey);
        String login = gql.archivesWithComments(50).get(0).path("user_login").asText();
        Map<String, Object> body = Map.of("operationName", "StreamMetadata", "variables", Map.of("channelLogin", login));
        given().auth().oauth2(TestTokens.read()).contentType("application/json").body(body).post("/api/v1/gql/query")
                .then().statusCode(200);
        double ok = metric("lurker_gql_upstream_requests_total", "operation=\"StreamMetadata\",status=\"ok\"");
        double notFound = metric("lurker_gql_upstream_requests_total", "operation=\"StreamMetadata\",status=\"persisted_query_not_found\"");
        double changed = metric("lurker_gql_hash_rediscoveries_total", "outcome=\"changed\"");

        gql.rotate(null);
        given().auth().oauth2(TestTokens.read()).contentType("application/json").body(body).post("/api/v1/gql/query")
                .then().statusCode(200);
        // the stale hash twice (the retry), then once more with the rediscovered hash
        assertThat(metric("lurker_gql_upstream_requests_total", "operation=\"StreamMetadata\",status=\"persisted_query_not_found\""))
                .isEqualTo(notFound + 2);
        assertThat(metric("lurker_gql_upstream_requests_total", "operation=\"StreamMetadata\",status=\"ok\"")).isEqualTo(ok + 1);
        assertThat(metric("lurker_gql_hash_rediscoveries_total", "outcome=\"changed\"")).isEqualTo(changed + 1);

        JsonNode video = null;
        for (JsonNode a : gql.archivesWithComments(1000)) {
            if (!a.path("live").asBoolean() && a.path("comments").asInt() > 0 && a.path("comments").asInt() < 300) {
                video = a;
                break;
            }
        }
        assertThat(video).as("an archive with 1..299 comments (ReplayTest uses larger ones)").isNotNull();
        String videoId = video.path("video_id").asText();
        double pages = metric("lurker_gql_replay_pages_total", "");
        double published = metric("lurker_gql_replay_comments_total", "outcome=\"published\"");
        given().auth().oauth2(TestTokens.admin()).post("/api/v1/gql/replays/" + videoId).then().statusCode(202);
        await().atMost(Duration.ofSeconds(120)).until(() -> "complete".equals(given().auth().oauth2(TestTokens.read())
                .get("/api/v1/gql/replays/" + videoId).then().extract().jsonPath().getString("progress.state")));
        long batches = given().auth().oauth2(TestTokens.read()).get("/api/v1/gql/replays/" + videoId).then().extract()
                .jsonPath().getLong("progress.batchesPublished");
        assertThat(metric("lurker_gql_replay_pages_total", "")).isEqualTo(pages + batches);
        assertThat(metric("lurker_gql_replay_comments_total", "outcome=\"published\""))
                .isEqualTo(published + video.path("comments").asInt());
    }

    /** The value of a Prometheus sample whose labels contain {@code labels}; 0 when absent. */
    private static double metric(String name, String labels) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(text);
        double total = 0;
        while (m.find()) {
            if (labels.isEmpty() || (m.group(1) != null && m.group(1).contains(labels))) {
                total += Double.parseDouble(m.group(2));
            }
        }
        return total;
    }
}
