package io.lurker.emulator.gql;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the emulator's web page does, done from a test: persisted-query bodies, a device id, an integrity token. */
final class GqlClient {

    static final String WEB_CLIENT_ID = "lurker-emulator-web-client";
    static final String CLEAN_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";
    static final String HEADLESS_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36";
    private static final Pattern CHALLENGE = Pattern.compile("\"challenge\":\"([^\"]+)\"");

    /** A device id, its token and the user agent the token is bound to. */
    record Grant(String deviceId, String token, String userAgent, long expiration) {
    }

    private GqlClient() {
    }

    static String hash(String operation) {
        return given().get("/emulator/gql/hashes").then().statusCode(200).extract().path("operations." + operation);
    }

    static Map<String, Object> op(String operation, Map<String, Object> variables) {
        return op(operation, variables, hash(operation));
    }

    static Map<String, Object> op(String operation, Map<String, Object> variables, String hash) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("operationName", operation);
        body.put("variables", variables);
        body.put("extensions", Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash)));
        return body;
    }

    static RequestSpecification anonymous() {
        return given().header("Client-Id", WEB_CLIENT_ID).header("User-Agent", CLEAN_UA).contentType("text/plain;charset=UTF-8");
    }

    static RequestSpecification with(Grant grant) {
        return given().header("Client-Id", WEB_CLIENT_ID).header("User-Agent", grant.userAgent())
                .header("Client-Integrity", grant.token()).header("X-Device-Id", grant.deviceId())
                .contentType("text/plain;charset=UTF-8");
    }

    static JsonPath post(RequestSpecification spec, Object body) {
        Response response = spec.body(json(body)).post("/gql");
        response.then().statusCode(200);
        return response.jsonPath();
    }

    /** Does what the page's script does: reads the challenge from the page and answers it. */
    static Grant grant(String userAgent) {
        String page = given().get("/web/somechannel").then().statusCode(200).extract().asString();
        Matcher m = CHALLENGE.matcher(page);
        if (!m.find()) {
            throw new AssertionError("no challenge in the page");
        }
        String challenge = m.group(1);
        String deviceId = UUID.randomUUID().toString().replace("-", "");
        JsonPath answer = given().header("Client-Id", WEB_CLIENT_ID).header("X-Device-Id", deviceId)
                .header("User-Agent", userAgent).contentType("application/json")
                .body(Map.of("challenge", challenge, "proof", sha256(challenge + ":" + deviceId)))
                .post("/integrity").then().statusCode(200).extract().jsonPath();
        return new Grant(deviceId, answer.getString("token"), userAgent, answer.getLong("expiration"));
    }

    /** Bodies go out as the page sends them: JSON text under text/plain. */
    static String json(Object body) {
        try {
            return body instanceof String text ? text : new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Map<String, Object>> archives() {
        return given().get("/emulator/gql/truth/archives?limit=1000").then().statusCode(200).extract().jsonPath().getList("$");
    }
}
