package io.lurker.auth;

import static io.restassured.RestAssured.given;

import io.lurker.tokenpool.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Requests as an admin of the Lurker API, with test tokens. */
final class Api {

    static final String DEV_CLIENT = "lurker-dev-client";
    static final String DEV_SECRET = "lurker-dev-secret";

    private Api() {
    }

    static RequestSpecification admin() {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON);
    }

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }
}
