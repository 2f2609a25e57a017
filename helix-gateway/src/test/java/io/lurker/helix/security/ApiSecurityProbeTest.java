package io.lurker.helix.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.lurker.emulator.testing.EmulatorAdmin;
import io.lurker.emulator.testing.EmulatorTestResource;
import io.lurker.emulator.testing.InjectEmulatorAdmin;
import io.lurker.helix.support.HelixEmulator;
import io.lurker.tokenpool.service.TokenPoolAdmin;
import io.lurker.tokenpool.testing.LogCapture;
import io.lurker.tokenpool.testing.OpenApiSecurityProbe;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every operation of helix-gateway's OpenAPI document: tokens and roles, then hostile input. */
@QuarkusTest
@WithTestResource(value = EmulatorTestResource.class, initArgs = {
        @ResourceArg(name = EmulatorTestResource.SIZE, value = "small"),
        @ResourceArg(name = EmulatorTestResource.PROPERTIES, value = "lurker.emulator.clips-page-cap=50")})
class ApiSecurityProbeTest {

    @TestHTTPResource("/")
    URL root;

    @InjectEmulatorAdmin
    EmulatorAdmin emulator;

    @Inject
    TokenPoolAdmin pool;

    @BeforeEach
    void token() {
        emulator.clearFaults();
        HelixEmulator.ensureAppToken(emulator, pool);
    }

    @Test
    void everyOperationRefusesMissingExpiredForeignAndWrongRoleTokens() throws Exception {
        OpenApiSecurityProbe probe = OpenApiSecurityProbe.at(root.toURI());
        assertThat(probe.operations()).extracting(Object::toString)
                .contains("GET /api/v1/helix/users", "POST /api/v1/collectors/{name}/run");
        try (LogCapture logs = LogCapture.start()) {
            probe.checkAuthentication();
            logs.assertNoneOf(probe.sentTokens());
        }
    }

    @Test
    void hostileValuesInEveryParameterAnswer4xxProblems() throws Exception {
        // the Helix-compatible proxy answers in Twitch's own error shape ({"error","status","message"}),
        // which is what Helix clients parse; its refusals are tested in HelixProxyResourceTest
        OpenApiSecurityProbe probe = OpenApiSecurityProbe.at(root.toURI()).skipHostile(op -> op.path().startsWith("/helix/"));
        try (LogCapture logs = LogCapture.start()) {
            probe.checkHostileInput();
            logs.assertNoneOf(probe.sentTokens());
        }
        assertThat(probe.requests()).isGreaterThan(100);
    }
}
