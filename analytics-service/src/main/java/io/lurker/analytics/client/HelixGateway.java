package io.lurker.analytics.client;

import io.lurker.analytics.config.AnalyticsConfig;
import io.lurker.tokenpool.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Resolves logins and game names through helix-gateway, with a timeout, retries and a circuit
 * breaker. A 4xx answer is the gateway's verdict, not a failure: it is recovered to "none
 * found" so it does not trip the breaker. When the gateway cannot be reached the caller gets a
 * 503 problem.
 */
@ApplicationScoped
public class HelixGateway {

    private final HelixGatewayApi api;
    private final AnalyticsConfig config;

    public HelixGateway(@RestClient HelixGatewayApi api, AnalyticsConfig config) {
        this.api = api;
        this.config = config;
    }

    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, abortOn = ProblemException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            skipOn = ProblemException.class)
    @Fallback(fallbackMethod = "usersUnavailable", skipOn = ProblemException.class)
    public List<HelixUsers.User> users(List<String> logins) {
        try {
            HelixUsers answer = api.users(logins, authorization());
            return answer == null || answer.data() == null ? List.of() : answer.data();
        } catch (WebApplicationException e) {
            return recover(e);
        }
    }

    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, abortOn = ProblemException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            skipOn = ProblemException.class)
    @Fallback(fallbackMethod = "gamesUnavailable", skipOn = ProblemException.class)
    public List<HelixGames.Game> games(List<String> names) {
        try {
            HelixGames answer = api.games(names, authorization());
            return answer == null || answer.data() == null ? List.of() : answer.data();
        } catch (WebApplicationException e) {
            return recover(e);
        }
    }

    List<HelixUsers.User> usersUnavailable(List<String> logins) {
        throw ProblemException.unavailable("helix-gateway cannot resolve channel logins right now; try again later");
    }

    List<HelixGames.Game> gamesUnavailable(List<String> names) {
        throw ProblemException.unavailable("helix-gateway cannot resolve game names right now; try again later");
    }

    private static <T> List<T> recover(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status == 404 || status == 400 || status == 422) {
            return List.of();
        }
        if (status == 401 || status == 403) {
            throw ProblemException.unavailable("helix-gateway refused analytics-service's token (HTTP " + status
                    + "); check lurker.analytics.service-token");
        }
        throw e;
    }

    private String authorization() {
        return config.serviceToken().filter(token -> !token.isBlank()).map(token -> "Bearer " + token).orElse(null);
    }
}
