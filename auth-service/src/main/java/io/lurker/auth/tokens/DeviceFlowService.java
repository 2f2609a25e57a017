package io.lurker.auth.tokens;

import io.lurker.auth.twitch.DeviceStart;
import io.lurker.auth.twitch.TwitchAuthClient;
import io.lurker.auth.twitch.TwitchAuthException;
import io.lurker.tokenpool.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The device-code flow: auth-service asks Twitch for a user code, an operator opens the
 * verification page and approves, and auth-service polls Twitch (at the interval Twitch asks)
 * until the grant arrives, then stores the user token in the pool. Flows live in this
 * process's memory (the device code never leaves it) and are forgotten an hour after they end.
 */
@ApplicationScoped
public class DeviceFlowService {

    private static final Logger LOG = Logger.getLogger(DeviceFlowService.class);

    /** State of one flow as the API shows it. */
    public record DeviceFlow(String id, String clientId, Set<String> scopes, String userCode, String verificationUri,
                             Instant expiresAt, String status, Optional<String> tokenId, Optional<String> error) {
    }

    private final TwitchAuthClient twitch;
    private final TokenService tokens;
    private final Vertx vertx;
    private final Map<String, DeviceFlow> flows = new ConcurrentHashMap<>();

    @Inject
    public DeviceFlowService(TwitchAuthClient twitch, TokenService tokens, Vertx vertx) {
        this.twitch = twitch;
        this.tokens = tokens;
        this.vertx = vertx;
    }

    public Uni<DeviceFlow> start(String clientId, Set<String> scopes) {
        return Uni.createFrom().deferred(() -> {
            TokenService.checkClientId(clientId);
            for (String scope : scopes) {
                if (!scope.matches("[a-z0-9:_.-]{1,100}")) {
                    throw ProblemException.badParameter("scopes", "holds a malformed scope");
                }
            }
            return tokens.secret(clientId).chain(secret -> twitch.startDevice(clientId, scopes)
                    .onFailure().transform(e -> TwitchProblems.translate(e, "the device-code request"))
                    .map(start -> {
                        String id = UUID.randomUUID().toString();
                        DeviceFlow flow = new DeviceFlow(id, clientId, Set.copyOf(scopes), start.userCode(), start.verificationUri(),
                                Instant.now().plus(start.expiresIn()), "pending", Optional.empty(), Optional.empty());
                        flows.put(id, flow);
                        poll(flow, start, secret.secret());
                        LOG.infof("Device flow %s started for %s", id, clientId);
                        return flow;
                    }));
        });
    }

    public Optional<DeviceFlow> flow(String id) {
        return Optional.ofNullable(flows.get(id));
    }

    private void poll(DeviceFlow flow, DeviceStart start, String clientSecret) {
        vertx.setTimer(Math.max(200, start.interval().toMillis()), id -> {
            if (Instant.now().isAfter(flow.expiresAt())) {
                end(flow, "expired", Optional.empty(), Optional.of("The user code expired before it was approved"));
                return;
            }
            twitch.pollDevice(flow.clientId(), clientSecret, start.deviceCode())
                    .chain(grant -> tokens.storeUserToken(flow.clientId(), grant, null, Optional.empty()))
                    .subscribe().with(view -> {
                        LOG.infof("Device flow %s approved; user token %s stored", flow.id(), view.id());
                        end(flow, "approved", Optional.of(view.id()), Optional.empty());
                    }, e -> {
                        if (e instanceof TwitchAuthException t && "authorization_pending".equals(t.reason())) {
                            poll(flow, start, clientSecret);
                        } else if (e instanceof TwitchAuthException t && t.status() == 0) {
                            poll(flow, start, clientSecret);
                        } else {
                            String reason = e instanceof TwitchAuthException t ? t.reason() : e.getMessage();
                            LOG.warnf("Device flow %s failed: %s", flow.id(), reason);
                            end(flow, "failed", Optional.empty(), Optional.of(reason));
                        }
                    });
        });
    }

    private void end(DeviceFlow flow, String status, Optional<String> tokenId, Optional<String> error) {
        flows.put(flow.id(), new DeviceFlow(flow.id(), flow.clientId(), flow.scopes(), flow.userCode(), flow.verificationUri(),
                flow.expiresAt(), status, tokenId, error));
        vertx.setTimer(3_600_000L, id -> flows.remove(flow.id()));
    }
}
