package io.lurker.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checker PipelineEndToEndIT runs over the logs: it finds planted secrets, and only them. */
class SecretScanTest {

    static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJsdXJrZXIifQ.c2lnbmF0dXJlLW9mLXRoZS10b2tlbi1oZXJlLTAxMjM0NTY3";
    static final String ACCESS = "6jot7fwiq2h2p0y4lepme5cx3s0fml";

    @TempDir
    Path dir;

    private SecretScan scan() {
        return new SecretScan().add("Twitch access token", ACCESS).add("client secret", "lurker-dev-secret")
                .addJwt("Lurker API JWT", JWT);
    }

    @Test
    void aPlantedSecretIsFoundWithFileAndLineButNeverPrinted() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Files.writeString(logs.resolve("clean.log"), "2026-01-01 INFO started\nGET /api/v1/helix/users 200\n");
        Files.writeString(logs.resolve("helix-gateway.log"), "INFO a line\nDEBUG Authorization: Bearer " + ACCESS + " sent\n");

        List<SecretScan.Finding> findings = scan().scanFiles(p -> p.toString().endsWith(".log"), logs);

        assertThat(findings).hasSize(1);
        SecretScan.Finding finding = findings.get(0);
        assertThat(finding.kind()).isEqualTo("Twitch access token");
        assertThat(finding.where()).endsWith("helix-gateway.log");
        assertThat(finding.line()).isEqualTo(2);
        assertThat(finding.toString()).doesNotContain(ACCESS).contains("6jot…(30 chars)");
    }

    @Test
    void aJwtsSignatureAloneIsFound() throws Exception {
        String signature = JWT.substring(JWT.lastIndexOf('.') + 1);
        Path log = Files.writeString(dir.resolve("auth-service.log"), "WARN refused token …" + signature + "\n");

        assertThat(scan().scanFile(log)).extracting(SecretScan.Finding::kind).containsExactly("Lurker API JWT signature");
        assertThat(scan().scanText("Bearer " + JWT, "answer", 0)).extracting(SecretScan.Finding::kind)
                .containsExactlyInAnyOrder("Lurker API JWT", "Lurker API JWT signature");
    }

    @Test
    void filesNotIncludedAndCleanFilesGiveNothing() throws Exception {
        Files.writeString(dir.resolve("lurker-token-1.out"), JWT + "\n");
        Files.write(dir.resolve("binary.log"), new byte[] {(byte) 0xff, (byte) 0xfe, 'o', 'k', '\n'});
        Files.writeString(dir.resolve("gateway.log"), "lurker-dev-client lurker-dev-secre\n", StandardCharsets.UTF_8);

        assertThat(scan().scanFiles(p -> !p.getFileName().toString().startsWith("lurker-token-"), dir)).isEmpty();
    }

    @Test
    void gatheringNothingIsAnError() {
        assertThatThrownBy(() -> new SecretScan().add("integrity token", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SecretScan().add("client secret", "short")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SecretScan().addJwt("JWT", "not-a-jwt")).isInstanceOf(IllegalArgumentException.class);
    }
}
