package io.lurker.chat.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OpenApiTest {

    @Test
    void documentsTheChatEndpoints() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body(containsString("/api/v1/chat/parse"))
                .body(containsString("/api/v1/chat/import"))
                .body(containsString("payload-too-large"))
                .body(containsString("\"bearer\""));
    }
}
