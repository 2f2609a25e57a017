package io.lurker.auth;

import io.lurker.tokenpool.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A service starting after a revocation loads the list from Redis: the revoked id is refused from the first call. */
@QuarkusTest
@WithTestResource(RevokedBeforeStartTest.SeededRevocation.class)
class RevokedBeforeStartTest {

    static final String REVOKED = "revoked-before-start-" + UUID.randomUUID();

    /** Writes a revocation under a fresh prefix before the application starts, and uses that prefix. */
    public static class SeededRevocation implements QuarkusTestResourceLifecycleManager {

        private String prefix;

        @Override
        public Map<String, String> start() {
            prefix = "lurker-test:" + UUID.randomUUID() + ":auth:";
            long exp = Instant.now().plusSeconds(3600).toEpochMilli();
            run(List.of(Request.cmd(Command.ZADD).arg(prefix + "jwt:revoked").arg(exp).arg(REVOKED + "|" + exp),
                    // an expired entry is ignored (and pruned by the next revocation)
                    Request.cmd(Command.ZADD).arg(prefix + "jwt:revoked").arg(1000).arg("long-expired|1000")));
            return Map.of("lurker.token-pool.prefix", prefix);
        }

        @Override
        public void stop() {
            run(List.of(Request.cmd(Command.DEL).arg(prefix + "jwt:revoked")));
        }

        private static void run(List<Request> requests) {
            Vertx vertx = Vertx.vertx();
            try {
                Redis.createClient(vertx, "redis://127.0.0.1:6379").batch(requests)
                        .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("Redis not reachable on 127.0.0.1:6379", e);
            } finally {
                vertx.close();
            }
        }
    }

    @Test
    void revocationStoredBeforeStartIsHonoured() {
        Api.as(TestTokens.withId(REVOKED, "admin")).get("/api/v1/tokens").then().statusCode(401)
                .contentType("application/problem+json");
        Api.as(TestTokens.withId("long-expired", "admin")).get("/api/v1/tokens").then().statusCode(200);
        Api.admin().get("/api/v1/tokens").then().statusCode(200);
    }
}
