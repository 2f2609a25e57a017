package io.lurker.auth.tokens;

import io.lurker.auth.twitch.TwitchAuthClient;
import io.lurker.auth.twitch.TwitchAuthException;
import io.lurker.auth.twitch.TwitchGrant;
import io.lurker.tokenpool.model.BucketKey;
import io.lurker.tokenpool.model.ClientSecret;
import io.lurker.tokenpool.model.CredentialView;
import io.lurker.tokenpool.model.NewToken;
import io.lurker.tokenpool.model.TokenKind;
import io.lurker.tokenpool.model.TokenSecrets;
import io.lurker.tokenpool.model.TokenState;
import io.lurker.tokenpool.model.TokenView;
import io.lurker.tokenpool.problem.ProblemException;
import io.lurker.tokenpool.service.TokenPoolAdmin;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Everything auth-service does with Twitch credentials and tokens: register a client (checked
 * by minting its first app token), mint and replace app tokens, add user tokens from a refresh
 * token or a device-code grant, refresh (storing the refresh token Twitch rotates), validate,
 * revoke. Each state change is counted in {@code lurker_auth_token_events_total{event}}.
 * Logs name token ids and client ids, never material.
 */
@ApplicationScoped
public class TokenService {

    private static final Logger LOG = Logger.getLogger(TokenService.class);

    private final TokenPoolAdmin pool;
    private final TwitchAuthClient twitch;
    private final MeterRegistry metrics;

    @Inject
    public TokenService(TokenPoolAdmin pool, TwitchAuthClient twitch, MeterRegistry metrics) {
        this.pool = pool;
        this.twitch = twitch;
        this.metrics = metrics;
    }

    // ---- credentials ----------------------------------------------------------------------

    /**
     * Registers (or replaces) a credential: Twitch must accept it by minting an app token,
     * which becomes the credential's first pooled token. 400 for malformed input, 422 with
     * Twitch's reason when Twitch refuses, 503 when Redis is down.
     */
    public Uni<TokenView> registerCredential(String clientId, String clientSecret) {
        return Uni.createFrom().deferred(() -> {
            checkClientId(clientId);
            if (clientSecret == null || clientSecret.isBlank() || clientSecret.length() > 200 || clientSecret.chars().anyMatch(Character::isWhitespace)) {
                throw ProblemException.badParameter("clientSecret", "must be 1-200 characters without spaces");
            }
            return twitch.clientCredentials(clientId, clientSecret)
                    .onFailure().transform(e -> TwitchProblems.translate(e, "the credential"))
                    .chain(grant -> pool.putCredential(clientId, clientSecret)
                            .chain(() -> storeAppToken(clientId, grant, Optional.empty())))
                    .invoke(view -> {
                        count("credential-registered");
                        LOG.infof("Credential %s registered; app token %s minted", clientId, view.id());
                    });
        });
    }

    public Uni<Boolean> deleteCredential(String clientId) {
        return Uni.createFrom().deferred(() -> {
            checkClientId(clientId);
            return pool.deleteCredential(clientId).invoke(deleted -> {
                if (deleted) {
                    count("credential-deleted");
                    LOG.infof("Credential %s deleted with its tokens", clientId);
                }
            });
        });
    }

    public Uni<java.util.List<CredentialView>> credentials() {
        return pool.credentials();
    }

    // ---- app tokens -----------------------------------------------------------------------

    /** Mints a new app token for a registered credential. */
    public Uni<TokenView> mintAppToken(String clientId) {
        return secret(clientId).chain(secret -> twitch.clientCredentials(clientId, secret.secret())
                .onFailure().transform(e -> TwitchProblems.translate(e, "the stored credential"))
                .chain(grant -> storeAppToken(clientId, grant, Optional.empty())));
    }

    private Uni<TokenView> storeAppToken(String clientId, TwitchGrant grant, Optional<String> replacing) {
        NewToken token = NewToken.app(clientId, grant.accessToken(), grant.expiresAt().orElse(null));
        return pool.putToken(replacing.map(token::withId).orElse(token))
                .invoke(view -> count(replacing.isPresent() ? "app-token-replaced" : "app-token-minted"));
    }

    // ---- user tokens ----------------------------------------------------------------------

    /**
     * Adds a user token from a refresh token: refreshes it once (Twitch answers the access
     * token and possibly a rotated refresh token) and validates it to learn the user.
     */
    public Uni<TokenView> addUserToken(String clientId, String refreshToken) {
        return Uni.createFrom().deferred(() -> {
            checkClientId(clientId);
            if (refreshToken == null || refreshToken.isBlank() || refreshToken.length() > 500) {
                throw ProblemException.badParameter("refreshToken", "must be 1-500 characters");
            }
            return secret(clientId).chain(secret -> twitch.refresh(clientId, secret.secret(), refreshToken)
                    .onFailure().transform(e -> TwitchProblems.translate(e, "the refresh token"))
                    .chain(grant -> storeUserToken(clientId, grant, refreshToken, Optional.empty())));
        });
    }

    /** Stores a user token from a grant, learning its user by validating it. */
    Uni<TokenView> storeUserToken(String clientId, TwitchGrant grant, String previousRefresh, Optional<String> replacing) {
        return twitch.validate(grant.accessToken())
                .onFailure().transform(e -> TwitchProblems.translate(e, "the new user token"))
                .chain(validation -> {
                    if (validation.isEmpty() || validation.get().userId().isEmpty()) {
                        return Uni.createFrom().failure(ProblemException.unprocessable("Twitch did not validate the new user token as a user token"));
                    }
                    Set<String> scopes = grant.scopes().isEmpty() ? validation.get().scopes() : grant.scopes();
                    NewToken token = NewToken.user(clientId, validation.get().userId().get(), grant.accessToken(),
                                    grant.refreshToken().orElse(previousRefresh), grant.expiresAt().or(validation.get()::expiresAt).orElse(null), scopes)
                            .withLogin(validation.get().login().orElse(null));
                    return pool.putToken(replacing.map(token::withId).orElse(token));
                })
                .invoke(view -> count(replacing.isPresent() ? "user-token-refreshed" : "user-token-added"));
    }

    // ---- lifecycle operations -------------------------------------------------------------

    /**
     * Renews a token in place (same id, generation + 1): a user token with its refresh token
     * (the rotated one is stored), an app token by minting a new one. A refused refresh marks
     * the token invalid (it needs a new refresh token) and answers 422.
     */
    public Uni<TokenView> renew(String tokenId) {
        return view(tokenId).chain(view -> pool.markState(tokenId, TokenState.REFRESHING)
                .chain(() -> view.kind() == TokenKind.APP ? renewApp(view) : renewUser(view))
                .onFailure().call(e -> {
                    boolean refused = e instanceof ProblemException p && p.status() == 422;
                    count("renew-failed");
                    LOG.warnf("Renewing token %s (%s) failed: %s", tokenId, view.bucket(), e.getMessage());
                    return pool.markState(tokenId, refused ? TokenState.INVALID : view.state() == TokenState.INVALID ? TokenState.INVALID : TokenState.HEALTHY)
                            .onFailure().recoverWithItem(false);
                }));
    }

    private Uni<TokenView> renewApp(TokenView view) {
        return secret(view.clientId()).chain(secret -> twitch.clientCredentials(view.clientId(), secret.secret())
                .onFailure().transform(e -> TwitchProblems.translate(e, "the stored credential"))
                .chain(grant -> storeAppToken(view.clientId(), grant, Optional.of(view.id()))));
    }

    private Uni<TokenView> renewUser(TokenView view) {
        return Uni.combine().all().unis(secret(view.clientId()), secrets(view.id())).asTuple().chain(both -> {
            Optional<String> refresh = both.getItem2().refreshToken();
            if (refresh.isEmpty()) {
                return Uni.createFrom().failure(ProblemException.unprocessable("Token " + view.id() + " has no refresh token"));
            }
            return twitch.refresh(view.clientId(), both.getItem1().secret(), refresh.get())
                    .onFailure().transform(e -> TwitchProblems.translate(e, "the refresh token"))
                    .chain(grant -> storeUserToken(view.clientId(), grant, refresh.get(), Optional.of(view.id())));
        });
    }

    /** Asks Twitch whether the token is still valid; marks it invalid if not. Answers the state after. */
    public Uni<TokenState> validate(String tokenId) {
        return view(tokenId).chain(view -> secrets(tokenId).chain(secrets -> twitch.validate(secrets.accessToken())
                .onFailure().transform(e -> TwitchProblems.translate(e, "the validation"))
                .chain(valid -> {
                    if (valid.isPresent()) {
                        count("validated");
                        return Uni.createFrom().item(view.state());
                    }
                    count("invalidated");
                    LOG.infof("Twitch no longer accepts token %s (%s); marked invalid", tokenId, view.bucket());
                    return pool.markState(tokenId, TokenState.INVALID).replaceWith(TokenState.INVALID);
                })));
    }

    /** Revokes the token at Twitch and removes it from the pool. */
    public Uni<Boolean> revoke(String tokenId) {
        return pool.token(tokenId).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(false);
            }
            TokenView view = found.get();
            return secrets(tokenId)
                    .chain(secrets -> twitch.revoke(view.clientId(), secrets.accessToken())
                            // a token Twitch no longer knows is as good as revoked
                            .onFailure(e -> e instanceof TwitchAuthException t && t.refused()).recoverWithNull()
                            .onFailure().transform(e -> TwitchProblems.translate(e, "the revocation")))
                    .chain(() -> pool.deleteToken(tokenId))
                    .invoke(deleted -> {
                        count("revoked");
                        LOG.infof("Token %s (%s) revoked at Twitch and removed", tokenId, view.bucket());
                    });
        });
    }

    // ---- helpers --------------------------------------------------------------------------

    Uni<ClientSecret> secret(String clientId) {
        return pool.clientSecret(clientId).map(found -> found.orElseThrow(
                () -> ProblemException.notFound("No credential for client id " + clientId + "; register it first")));
    }

    private Uni<TokenSecrets> secrets(String tokenId) {
        return pool.tokenSecrets(tokenId).map(found -> found.orElseThrow(() -> ProblemException.notFound("No token " + tokenId)));
    }

    private Uni<TokenView> view(String tokenId) {
        return pool.token(tokenId).map(found -> found.orElseThrow(() -> ProblemException.notFound("No token " + tokenId)));
    }

    static void checkClientId(String clientId) {
        try {
            BucketKey.checkId("client id", clientId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badParameter("clientId", "must be 1-100 characters of [A-Za-z0-9_.-]");
        }
    }

    void count(String event) {
        metrics.counter("lurker_auth_token_events_total", "event", event).increment();
    }
}
