package io.lurker.integrity.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.lurker.tokenpool.testing.LogCapture;
import io.lurker.tokenpool.testing.OpenApiSecurityProbe;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.lurker.emulator.testing.EmulatorTestResource;
import io.quarkus.test.common.WithTestResource;
import java.net.URL;
import org.junit.jupiter.api.Test;

/** Every operation of integrity-service's OpenAPI document: missing, malformed, foreign, expired and wrong-role tokens. */
@QuarkusTest
@io.quarkus.test.junit.TestProfile(io.lurker.integrity.OwnApp.class)
@WithTestResource(EmulatorTestResource.class)
class ApiSecurityProbeTest {

    @TestHTTPResource("/")
    URL root;

    @Test
    void everyOperationRefusesMissingExpiredForeignAndWrongRoleTokens() throws Exception {
        OpenApiSecurityProbe probe = OpenApiSecurityProbe.at(root.toURI());
        assertThat(probe.operations()).extracting(Object::toString).contains("GET /api/v1/integrity/token", "POST /api/v1/integrity/refresh");
        try (LogCapture logs = LogCapture.start()) {
            probe.checkAuthentication();
            // no token the probe sent (valid, expired, foreign) reaches a log line
            logs.assertNoneOf(probe.sentTokens());
        }
    }

    // integrity-service's operations take no parameter and no body: there is no input to make hostile
}
