package io.lurker.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code deploy/local/token.sh} (bash + openssl only) mints tokens this service accepts, with
 * the roles, subject and lifetime asked for; {@code keys.sh} makes a key pair that signs them.
 */
@QuarkusTest
class TokenScriptTest {

    static Path dir;
    static Path key;

    @BeforeAll
    static void copyTestKey() throws Exception {
        dir = Files.createTempDirectory("token-script", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        key = dir.resolve("lurker-test-private.pem");
        try (InputStream in = TokenScriptTest.class.getClassLoader().getResourceAsStream("lurker-test-private.pem")) {
            Files.write(key, in.readAllBytes());
        }
    }

    @AfterAll
    static void cleanUp() throws Exception {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void scriptTokenIsAcceptedWithItsRole() throws Exception {
        Result admin = run("token.sh", "--role", "admin", "--key", key.toString(), "--ttl", "2h", "--subject", "script-test");
        assertThat(admin.exit).isZero();
        String token = admin.out.trim();
        assertThat(token.lines().count()).isEqualTo(1);
        assertThat(token.split("\\.")).hasSize(3);

        Api.as(token).get("/api/v1/tokens").then().statusCode(200);

        Map<String, Object> claims = ApiTokenTest.claims(token);
        assertThat(claims).containsEntry("iss", "lurker").containsEntry("sub", "script-test").containsEntry("groups", List.of("admin"));
        long exp = ((Number) claims.get("exp")).longValue();
        long iat = ((Number) claims.get("iat")).longValue();
        assertThat(exp - iat).isEqualTo(Duration.ofHours(2).toSeconds());
        assertThat(Math.abs(iat - Instant.now().getEpochSecond())).isLessThan(120);

        // the key id is the one auth-service signs with, so a JWKS can hold both
        String issued = Api.admin().body(Map.of("roles", List.of("read"))).post("/api/v1/api-tokens").then().statusCode(201).extract().path("token");
        assertThat(ApiTokenTest.header(token).get("kid")).isEqualTo(ApiTokenTest.header(issued).get("kid"));

        // its id can be revoked like any other
        Api.admin().delete("/api/v1/api-tokens/" + claims.get("jti") + "?expiresAt=" + Instant.ofEpochSecond(exp)).then().statusCode(204);
        Api.as(token).get("/api/v1/tokens").then().statusCode(401);
    }

    @Test
    void readRoleFromScriptIsForbiddenOnAdminEndpoints() throws Exception {
        Result read = run("token.sh", "--role", "read", "--key", key.toString());
        assertThat(read.exit).isZero();
        Api.as(read.out.trim()).get("/api/v1/tokens").then().statusCode(403).body("type", equalTo("urn:lurker:problem:forbidden"));
    }

    @Test
    void scriptRefusesBadArgumentsWithoutPrintingAToken() throws Exception {
        Result bogus = run("token.sh", "--role", "root", "--key", key.toString());
        assertThat(bogus.exit).isEqualTo(2);
        assertThat(bogus.out).isEmpty();
        Result noKey = run("token.sh", "--role", "admin", "--key", dir.resolve("missing.pem").toString());
        assertThat(noKey.exit).isEqualTo(1);
        assertThat(noKey.out).isEmpty();
        Result badTtl = run("token.sh", "--role", "admin", "--key", key.toString(), "--ttl", "soon");
        assertThat(badTtl.exit).isEqualTo(2);
    }

    @Test
    void keysScriptMakesAPairThatSignsAndKeepsAnExistingOne() throws Exception {
        Path keys = dir.resolve("keys");
        assertThat(run("keys.sh", keys.toString()).exit).isZero();
        Path privateKey = keys.resolve("jwt-private.pem");
        assertThat(Files.readString(privateKey)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.readString(keys.resolve("jwt-public.pem"))).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateKey))).isEqualTo("rw-------");
        String before = Files.readString(privateKey);
        assertThat(run("keys.sh", keys.toString()).exit).isZero();
        assertThat(Files.readString(privateKey)).isEqualTo(before);

        // a token signed by another key is refused here (the service trusts the test key only)
        Result other = run("token.sh", "--role", "admin", "--key", privateKey.toString());
        assertThat(other.exit).isZero();
        Api.as(other.out.trim()).get("/api/v1/tokens").then().statusCode(401);
    }

    record Result(int exit, String out, String err) {
    }

    static Result run(String script, String... args) throws Exception {
        Path path = scriptPath(script);
        List<String> command = new ArrayList<>(List.of("bash", path.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    static Path scriptPath(String script) {
        Path at = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (at != null) {
            Path candidate = at.resolve("deploy/local").resolve(script);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            at = at.getParent();
        }
        throw new IllegalStateException("deploy/local/" + script + " not found above " + System.getProperty("user.dir"));
    }
}
