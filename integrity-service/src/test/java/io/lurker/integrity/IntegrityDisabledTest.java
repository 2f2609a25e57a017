package io.lurker.integrity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.lurker.tokenpool.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Off by default: nothing is captured and the API says why. */
@QuarkusTest
@TestProfile(IntegrityDisabledTest.Disabled.class)
class IntegrityDisabledTest {

    public static class Disabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lurker.integrity.enabled", "false",
                    "lurker.twitch.web-url", "http://127.0.0.1:9/web", "lurker.twitch.gql-url", "http://127.0.0.1:9/gql");
        }
    }

    @Test
    void theApiAnswers503SayingItIsDisabled() {
        given().auth().oauth2(TestTokens.internal()).get("/api/v1/integrity/token").then().statusCode(503)
                .contentType("application/problem+json").body("detail", containsString("disabled"))
                .body("detail", containsString("lurker.integrity.enabled=true"));
        given().auth().oauth2(TestTokens.internal()).post("/api/v1/integrity/refresh").then().statusCode(503);
        boolean enabled = given().auth().oauth2(TestTokens.internal()).get("/api/v1/integrity/status").then().statusCode(200)
                .extract().path("enabled");
        assertThat(enabled).isFalse();
        assertThat(ProcessHandle.current().descendants().filter(p -> p.info().command().map(c -> c.contains("chromium"))
                .orElse(false)).count()).isZero();
    }
}
