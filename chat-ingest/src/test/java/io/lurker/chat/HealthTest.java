package io.lurker.chat;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HealthTest {

    @Test
    void readinessReportsThePublisherAndTheSpool() {
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("chat-publisher"))
                .body("checks.find { it.name == 'chat-publisher' }.data.broker", equalTo("connected"))
                .body("checks.find { it.name == 'chat-publisher' }.data.spoolBatches", equalTo(0)));
    }
}
