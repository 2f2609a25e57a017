package io.lurker.helix.client;

import io.lurker.helix.config.HelixConfig;
import io.lurker.helix.config.TwitchUrls;
import io.lurker.tokenpool.model.NewToken;
import io.lurker.tokenpool.service.TokenPoolAdmin;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Standalone mode: when the pool holds no usable app token (auth-service not running yet, or
 * not deployed) and {@code lurker.helix.standalone.client-id/-secret} are set, this service
 * mints an app token itself (client credentials grant) and puts it into the pool, where every
 * replica finds it. Concurrent callers share one mint.
 */
@ApplicationScoped
public class StandaloneAppTokens {

    private static final Logger LOG = Logger.getLogger(StandaloneAppTokens.class);

    private final HelixConfig config;
    private final TwitchUrls urls;
    private final TokenPoolAdmin admin;
    private final WebClient http;
    private final AtomicReference<Uni<Void>> inFlight = new AtomicReference<>();

    public StandaloneAppTokens(HelixConfig config, TwitchUrls urls, TokenPoolAdmin admin, HelixHttp http) {
        this.config = config;
        this.urls = urls;
        this.admin = admin;
        this.http = http.client();
    }

    public boolean configured() {
        return config.standalone().clientId().filter(s -> !s.isBlank()).isPresent()
                && config.standalone().clientSecret().filter(s -> !s.isBlank()).isPresent();
    }

    /** Mints one app token and stores it in the pool; callers arriving meanwhile wait for the same mint. */
    public synchronized Uni<Void> mint() {
        Uni<Void> current = inFlight.get();
        if (current == null) {
            current = doMint().onTermination().invoke(() -> inFlight.set(null)).memoize().indefinitely();
            inFlight.set(current);
        }
        return current;
    }

    private Uni<Void> doMint() {
        String clientId = config.standalone().clientId().orElseThrow();
        MultiMap form = MultiMap.caseInsensitiveMultiMap()
                .add("client_id", clientId)
                .add("client_secret", config.standalone().clientSecret().orElseThrow())
                .add("grant_type", "client_credentials");
        return http.postAbs(urls.idUrl() + "/token").putHeader("User-Agent", config.userAgent())
                .timeout(config.requestTimeout().toMillis()).sendForm(form)
                .chain(response -> {
                    if (response.statusCode() != 200) {
                        return Uni.createFrom().failure(new IllegalStateException(
                                "Twitch refused the standalone client credentials: HTTP " + response.statusCode()));
                    }
                    JsonObject body = response.bodyAsJsonObject();
                    Instant expires = Instant.now().plusSeconds(body.getLong("expires_in", 3600L));
                    LOG.infof("Minted a standalone app token for client %s (expires %s)", clientId, expires);
                    return admin.putToken(NewToken.app(clientId, body.getString("access_token"), expires)).replaceWithVoid();
                });
    }
}
