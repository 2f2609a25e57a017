package io.lurker.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.lurker.emulator.testing.EmulatorAdmin;
import io.lurker.emulator.testing.EmulatorTestResource;
import io.lurker.emulator.testing.InjectEmulatorAdmin;
import io.lurker.tokenpool.model.TokenSecrets;
import io.lurker.tokenpool.service.TokenPoolAdmin;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A full run with every log on (DEBUG for Lurker's code, the HTTP access log, to a file from
 * start-up): credentials good and bad, user tokens added, refreshed with rotation, renewed,
 * validated, revoked, a device flow, API tokens issued, used and revoked. Then the log file is
 * searched for every secret the run handled.
 */
@QuarkusTest
@TestProfile(LogSecretsTest.VerboseLogs.class)
@WithTestResource(value = EmulatorTestResource.class, initArgs = {
        @ResourceArg(name = EmulatorTestResource.FIXTURE, value = "classpath:fixtures/small-world.json")})
class LogSecretsTest {

    static final Path LOG = Path.of("target/log-secrets-test.log");

    public static class VerboseLogs implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.log.file.enabled", "true",
                    "quarkus.log.file.path", LOG.toString(),
                    "quarkus.log.file.level", "DEBUG",
                    "quarkus.log.category.\"io.lurker\".level", "DEBUG",
                    "quarkus.http.access-log.enabled", "true",
                    "quarkus.http.access-log.pattern", "combined",
                    "lurker.auth.lifecycle.enabled", "true",
                    "lurker.auth.lifecycle.interval", "2s",
                    "lurker.auth.startup.client-id", Api.DEV_CLIENT,
                    "lurker.auth.startup.client-secret", Api.DEV_SECRET);
        }
    }

    @InjectEmulatorAdmin
    EmulatorAdmin emulator;

    @Inject
    TokenPoolAdmin pool;

    @Test
    void noSecretReachesTheLogs() throws Exception {
        // the start-up credential (TWITCH_CLIENT_ID/SECRET) registered by the scheduled pass
        await().atMost(Duration.ofSeconds(60)).until(() -> pool.credentials().await().indefinitely().stream()
                .anyMatch(c -> c.clientId().equals(Api.DEV_CLIENT)));
        List<String> secrets = new ArrayList<>();
        secrets.add(Api.DEV_SECRET);
        secrets.add("wrong-secret-7f3a9c");

        Api.admin().body(Map.of("clientId", Api.DEV_CLIENT, "clientSecret", "wrong-secret-7f3a9c"))
                .post("/api/v1/credentials").then().statusCode(422);
        Api.admin().body(Map.of("clientId", Api.DEV_CLIENT, "clientSecret", Api.DEV_SECRET))
                .post("/api/v1/credentials").then().statusCode(201);
        Api.admin().body(Map.of("clientId", Api.DEV_CLIENT, "refreshToken", "bogus-refresh-token-91ab"))
                .post("/api/v1/tokens/user").then().statusCode(422);
        secrets.add("bogus-refresh-token-91ab");

        JsonNode user = emulator.addUser("alpha_lol", Api.DEV_CLIENT, "chat:read");
        secrets.add(user.path("refresh_token").asText());
        secrets.add(user.path("access_token").asText());
        String userToken = Api.admin().body(Map.of("clientId", Api.DEV_CLIENT, "refreshToken", user.path("refresh_token").asText()))
                .post("/api/v1/tokens/user").then().statusCode(201).extract().path("id");
        collect(userToken, secrets);
        emulator.rotateRefreshTokens(true);
        try {
            Api.admin().post("/api/v1/tokens/" + userToken + "/refresh").then().statusCode(200);
        } finally {
            emulator.rotateRefreshTokens(false);
        }
        collect(userToken, secrets);

        // an app token Twitch stops accepting: found and replaced by a pass
        for (var token : pool.tokens().await().indefinitely()) {
            collect(token.id(), secrets);
        }
        String appToken = pool.tokens().await().indefinitely().stream().filter(t -> t.kind() == io.lurker.tokenpool.model.TokenKind.APP)
                .findFirst().orElseThrow().id();
        emulator.revokeToken(pool.tokenSecrets(appToken).await().indefinitely().orElseThrow().accessToken());
        Api.admin().post("/api/v1/tokens/lifecycle?validate=true").then().statusCode(200);
        collect(appToken, secrets);

        String flow = Api.admin().body(Map.of("clientId", Api.DEV_CLIENT, "scopes", List.of("chat:read")))
                .post("/api/v1/tokens/device").then().statusCode(202).extract().path("userCode");
        emulator.approveDevice(flow, "charlie_mc");
        await().atMost(Duration.ofSeconds(40)).until(() -> pool.tokens().await().indefinitely().stream()
                .anyMatch(t -> t.login().filter("charlie_mc"::equals).isPresent()));
        for (var token : pool.tokens().await().indefinitely()) {
            collect(token.id(), secrets);
        }
        Api.admin().delete("/api/v1/tokens/" + userToken).then().statusCode(204);

        var issued = Api.admin().body(Map.of("roles", List.of("admin"), "subject", "log-test"))
                .post("/api/v1/api-tokens").then().statusCode(201).extract().jsonPath();
        String jwt = issued.getString("token");
        secrets.add(jwt);
        secrets.add(jwt.substring(jwt.lastIndexOf('.') + 1));
        Api.as(jwt).get("/api/v1/tokens").then().statusCode(200);
        Api.admin().delete("/api/v1/api-tokens/" + issued.getString("id")).then().statusCode(204);
        Api.as(jwt).get("/api/v1/tokens").then().statusCode(401).body("type", equalTo("urn:lurker:problem:unauthorized"));

        String log = await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(LOG),
                text -> text.contains("Revoked API token " + issued.getString("id")));
        // the capture works: the run's events are there, by id
        assertThat(log).contains("Credential lurker-dev-client registered").contains("GET /api/v1/tokens")
                .contains(appToken).contains(userToken);
        assertThat(secrets).hasSizeGreaterThan(10).allSatisfy(secret -> assertThat(secret).hasSizeGreaterThan(8));
        for (String secret : secrets) {
            assertThat(log).as("a secret of %d characters in the log", secret.length()).doesNotContain(secret);
        }
    }

    private void collect(String tokenId, List<String> secrets) {
        pool.tokenSecrets(tokenId).await().indefinitely().ifPresent((TokenSecrets s) -> {
            secrets.add(s.accessToken());
            s.refreshToken().ifPresent(secrets::add);
        });
    }
}
