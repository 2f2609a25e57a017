package io.lurker.gql.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lurker.gql.config.GqlConfig;
import io.lurker.tokenpool.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Integrity tokens from integrity-service, cached here until shortly before expiry. A 503 of
 * integrity-service (no token yet, capture failed) is an expected answer: it becomes a 503
 * problem with integrity-service's reason and does not trip the breaker.
 */
@ApplicationScoped
public class IntegrityTokens {

    private static final Logger LOG = Logger.getLogger(IntegrityTokens.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MARGIN = Duration.ofMinutes(1);

    private final IntegrityApi api;
    private final GqlConfig config;
    private volatile IntegrityToken cached;

    public IntegrityTokens(@RestClient IntegrityApi api, GqlConfig config) {
        this.api = api;
        this.config = config;
    }

    /** The current token (cached), or a 503 problem saying why there is none. */
    @Timeout(20_000)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.75, delay = 10_000, skipOn = ProblemException.class)
    public IntegrityToken current() {
        IntegrityToken token = cached;
        if (token != null && token.expiresAt().isAfter(Instant.now().plus(MARGIN))) {
            return token;
        }
        try {
            IntegrityApi.TokenAnswer answer = api.token(authorization());
            token = new IntegrityToken(answer.token(), answer.deviceId(), answer.clientId(), answer.userAgent(), answer.expiresAt());
            cached = token;
            return token;
        } catch (WebApplicationException e) {
            throw unavailable(e);
        } catch (ProcessingException e) {
            throw ProblemException.unavailable("integrity-service cannot be reached: " + e.getClass().getSimpleName());
        }
    }

    /** Forgets the cached token and asks integrity-service for a fresh capture (the token was refused). */
    public void refresh() {
        cached = null;
        try {
            api.refresh(authorization());
        } catch (WebApplicationException e) {
            throw unavailable(e);
        } catch (ProcessingException e) {
            throw ProblemException.unavailable("integrity-service cannot be reached: " + e.getClass().getSimpleName());
        }
    }

    private String authorization() {
        return "Bearer " + config.serviceToken().orElseThrow(() -> ProblemException.unavailable(
                "lurker.gql.service-token is not set: gql-gateway cannot ask integrity-service for tokens"));
    }

    private static ProblemException unavailable(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String detail = "";
        try {
            JsonNode problem = JSON.readTree(e.getResponse().readEntity(String.class));
            detail = problem.path("detail").asText("");
        } catch (Exception ignored) {
            // no readable problem body
        }
        if (status == 401 || status == 403) {
            LOG.warnf("integrity-service refused this service's token (HTTP %d): check lurker.gql.service-token", status);
            return ProblemException.unavailable("integrity-service refused gql-gateway's service token (HTTP " + status + ")");
        }
        return ProblemException.unavailable("No integrity token available" + (detail.isEmpty() ? " (integrity-service answered "
                + status + ")" : ": " + detail));
    }
}
