package io.lurker.auth.ops;

import io.lurker.tokenpool.model.TokenKind;
import io.lurker.tokenpool.model.TokenState;
import io.lurker.tokenpool.model.TokenView;
import io.lurker.tokenpool.service.TokenPoolAdmin;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the pool's Redis answers and every registered credential has at least one
 * healthy, unexpired app token. Lists the credentials without one.
 */
@Readiness
@ApplicationScoped
public class PoolHealthCheck implements AsyncHealthCheck {

    private final TokenPoolAdmin pool;

    @Inject
    public PoolHealthCheck(TokenPoolAdmin pool) {
        this.pool = pool;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return Uni.combine().all().unis(pool.credentials(), pool.tokens()).asTuple().map(both -> {
            Instant now = Instant.now();
            Set<String> served = both.getItem2().stream()
                    .filter(t -> t.kind() == TokenKind.APP && t.state() == TokenState.HEALTHY
                            && t.expiresAt().map(now::isBefore).orElse(true))
                    .map(TokenView::clientId).collect(Collectors.toSet());
            List<String> without = both.getItem1().stream().map(c -> c.clientId()).filter(id -> !served.contains(id)).sorted().toList();
            return HealthCheckResponse.named("token-pool")
                    .status(without.isEmpty())
                    .withData("redis", "reachable")
                    .withData("credentials", both.getItem1().size())
                    .withData("healthyTokens", both.getItem2().stream().filter(t -> t.state() == TokenState.HEALTHY).count())
                    .withData("credentialsWithoutHealthyToken", String.join(",", without))
                    .build();
        }).onFailure().recoverWithItem(e -> HealthCheckResponse.named("token-pool").down()
                .withData("redis", "unreachable: " + e.getMessage()).build());
    }
}
