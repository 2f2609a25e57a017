package io.lurker.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.lurker.tokenpool.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every endpoint of auth-service: no token 401, wrong role 403, admin gets the endpoint's answer. */
@QuarkusTest
class EndpointSecurityTest {

    record Endpoint(String method, String path, String body, int adminStatus) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static Stream<Endpoint> endpoints() {
        return Stream.of(
                new Endpoint("GET", "/api/v1/credentials", null, 200),
                new Endpoint("POST", "/api/v1/credentials", "{\"clientId\":\"bad id\",\"clientSecret\":\"s\"}", 400),
                new Endpoint("DELETE", "/api/v1/credentials/no-such-client", null, 404),
                new Endpoint("GET", "/api/v1/tokens", null, 200),
                new Endpoint("GET", "/api/v1/tokens/no-such-token", null, 404),
                new Endpoint("POST", "/api/v1/tokens/user", "{\"clientId\":\"no-such-client\",\"refreshToken\":\"r\"}", 404),
                new Endpoint("POST", "/api/v1/tokens/device", "{\"clientId\":\"no-such-client\",\"scopes\":[]}", 404),
                new Endpoint("GET", "/api/v1/tokens/device/no-such-flow", null, 404),
                new Endpoint("POST", "/api/v1/tokens/no-such-token/refresh", null, 404),
                new Endpoint("POST", "/api/v1/tokens/no-such-token/validate", null, 404),
                new Endpoint("DELETE", "/api/v1/tokens/no-such-token", null, 404),
                new Endpoint("POST", "/api/v1/tokens/lifecycle", null, 200),
                new Endpoint("GET", "/api/v1/buckets", null, 200),
                new Endpoint("PUT", "/api/v1/buckets/app:security-test/limit", "{\"limit\":120}", 200),
                new Endpoint("POST", "/api/v1/encryption/reencrypt", null, 200),
                new Endpoint("POST", "/api/v1/api-tokens", "{\"roles\":[\"read\"]}", 201),
                new Endpoint("GET", "/api/v1/api-tokens", null, 200),
                new Endpoint("DELETE", "/api/v1/api-tokens/security-test-id", null, 204));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void noTokenIs401(Endpoint endpoint) {
        call(given(), endpoint).then().statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:lurker:problem:unauthorized"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void expiredOrForeignTokenIs401(Endpoint endpoint) {
        call(given().auth().oauth2(TestTokens.expired("admin")), endpoint).then().statusCode(401);
        call(given().auth().oauth2("not.a.jwt"), endpoint).then().statusCode(401);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void wrongRoleIs403(Endpoint endpoint) {
        for (String token : List.of(TestTokens.read(), TestTokens.internal())) {
            call(given().auth().oauth2(token), endpoint).then().statusCode(403)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:lurker:problem:forbidden"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void adminGetsTheAnswer(Endpoint endpoint) {
        call(given().auth().oauth2(TestTokens.admin()), endpoint).then().statusCode(endpoint.adminStatus());
    }

    private static io.restassured.response.Response call(RequestSpecification request, Endpoint endpoint) {
        if (endpoint.body() != null) {
            request = request.contentType(ContentType.JSON).body(endpoint.body());
        }
        return request.request(endpoint.method(), endpoint.path());
    }
}
