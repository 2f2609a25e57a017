package io.lurker.chat.connection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lurker.chat.config.ChatConfig;
import io.lurker.tokenpool.model.TokenRequirements;
import io.lurker.tokenpool.service.Lease;
import io.lurker.tokenpool.service.TokenPool;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * {@code lurker.chat.irc.login=pool}: each connection leases a user token with scope
 * {@code chat:read} from the token pool and learns its login from id.twitch.tv's
 * {@code /oauth2/validate} (Twitch wants {@code NICK} to be the token's login).
 *
 * <ul>
 * <li>validate answers 401, or TMI answers {@code NOTICE * :Login authentication failed}: the
 * token is marked invalid in the pool (auth-service then renews it; a token renewed since the
 * lease is left alone) and the next connection leases again;</li>
 * <li>no usable token (none stored, all invalid, the bucket empty past {@code lease-timeout},
 * Redis or id.twitch.tv unreachable): the connection logs in anonymously, or, with
 * {@code anonymous-fallback=false}, waits for the reconnect backoff.</li>
 * </ul>
 * Tokens are never logged: lines name the pool's opaque token id.
 */
final class PoolCredentials implements ConnectionManager.Credentials {

    private static final Logger LOG = Logger.getLogger(PoolCredentials.class);
    /** Tokens tried per connection before giving up on the pool for it. */
    private static final int ATTEMPTS = 3;

    private final TokenPool pool;
    private final ChatConfig.Irc.Pool config;
    private final TokenRequirements requirements;
    private final URI validateUri;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final MeterRegistry registry;

    PoolCredentials(TokenPool pool, ChatConfig.Irc.Pool config, String idUrl, ObjectMapper json, MeterRegistry registry) {
        this.pool = pool;
        this.config = config;
        TokenRequirements wanted = TokenRequirements.user().scopes("chat:read");
        if (config.clientId().isPresent()) {
            wanted = wanted.clientId(config.clientId().get());
        }
        if (config.userId().isPresent()) {
            wanted = wanted.userId(config.userId().get());
        }
        this.requirements = wanted;
        this.validateUri = URI.create(idUrl.replaceAll("/+$", "") + "/validate");
        this.json = json;
        this.registry = registry;
    }

    @Override
    public TmiConnection.Login next() throws Exception {
        String why = null;
        for (int attempt = 0; attempt < ATTEMPTS && why == null; attempt++) {
            Lease lease;
            try {
                lease = pool.leaseBlocking(requirements, config.leaseTimeout());
            } catch (RuntimeException e) {
                why = "no " + requirements.describe() + " from the token pool: " + e.getMessage();
                break;
            }
            HttpResponse<String> answer;
            try {
                answer = http.send(HttpRequest.newBuilder(validateUri).timeout(Duration.ofSeconds(10))
                        .header("Authorization", "OAuth " + lease.accessToken()).GET().build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                why = "token validation at " + validateUri + " failed: " + e.getClass().getSimpleName();
                break;
            }
            if (answer.statusCode() == 401) {
                refusedBy("validate");
                markInvalid(lease, "id.twitch.tv /oauth2/validate answered 401");
                continue;
            }
            String login = answer.statusCode() == 200 ? login(answer.body()) : "";
            if (login.isEmpty()) {
                why = "token validation at " + validateUri + " answered " + answer.statusCode() + " without a login";
                break;
            }
            count("user");
            LOG.debugf("IRC login as %s with pooled user token %s", login, lease.tokenId());
            return new TmiConnection.Login(login, lease.accessToken(), lease);
        }
        if (why == null) {
            why = ATTEMPTS + " leased user tokens refused in a row";
        }
        if (!config.anonymousFallback()) {
            count("none");
            throw new IllegalStateException(why + "; waiting (lurker.chat.irc.pool.anonymous-fallback=false)");
        }
        count("anonymous-fallback");
        LOG.warnf("IRC login: %s; this connection logs in anonymously", why);
        return TmiConnection.Login.anonymous();
    }

    @Override
    public void refused(TmiConnection.Login login) {
        if (login.lease() == null) {
            return;
        }
        refusedBy("irc");
        markInvalid(login.lease(), "TMI answered 'Login authentication failed'");
    }

    private void markInvalid(Lease lease, String cause) {
        boolean marked;
        try {
            marked = lease.invalid().await().atMost(Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            LOG.warnf("Pooled user token %s refused (%s); marking it invalid failed: %s", lease.tokenId(), cause, e.getMessage());
            return;
        }
        LOG.warnf("Pooled user token %s refused (%s); %s", lease.tokenId(), cause,
                marked ? "marked invalid in the pool for auth-service to renew" : "not marked: it was renewed since the lease");
    }

    private String login(String body) {
        try {
            JsonNode node = json.readTree(body);
            return node.path("login").asText("");
        } catch (IOException e) {
            return "";
        }
    }

    private void count(String kind) {
        Counter.builder("lurker.chat.logins").tag("kind", kind)
                .description("IRC logins by kind: user (pooled token), anonymous, anonymous-fallback, none (waiting)")
                .register(registry).increment();
    }

    private void refusedBy(String by) {
        Counter.builder("lurker.chat.login.refusals").tag("by", by)
                .description("pooled user tokens refused, by validate or irc").register(registry).increment();
    }
}
