package io.lurker.auth.tokens;

import io.lurker.auth.AuthConfig;
import io.lurker.tokenpool.model.CredentialView;
import io.lurker.tokenpool.model.TokenKind;
import io.lurker.tokenpool.model.TokenState;
import io.lurker.tokenpool.model.TokenView;
import io.lurker.tokenpool.problem.ProblemException;
import io.lurker.tokenpool.service.TokenPoolAdmin;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Keeps the pool usable without anyone watching. Every {@code lurker.auth.lifecycle.interval}:
 * <ol>
 * <li>registers the start-up credential ({@code TWITCH_CLIENT_ID}/{@code TWITCH_CLIENT_SECRET})
 * until that succeeds or Twitch refuses it;</li>
 * <li>validates every token against Twitch on the first pass and then every
 * {@code validate-interval} (Twitch asks for hourly validation); a token Twitch refuses is marked invalid;</li>
 * <li>renews in place every token that is invalid, expires within {@code refresh-margin}, or
 * has been {@code refreshing} for over a minute (an interrupted renewal): app tokens are
 * minted again, user tokens refreshed (a refused refresh leaves the token invalid: it needs a
 * new refresh token);</li>
 * <li>mints an app token for any credential that has none;</li>
 * <li>updates the metrics snapshot.</li>
 * </ol>
 * One pass at a time in this process; failures are logged and retried on the next pass.
 */
@ApplicationScoped
public class TokenLifecycle {

    private static final Logger LOG = Logger.getLogger(TokenLifecycle.class);
    private static final Duration STUCK_REFRESHING = Duration.ofMinutes(1);

    /** What one pass did. */
    public record Pass(Instant at, boolean validated, int tokens, int invalidated, int renewed, int minted, List<String> failures) {
    }

    private final TokenPoolAdmin pool;
    private final TokenService tokens;
    private final AuthConfig config;
    private final PoolMetrics metrics;
    private final AtomicReference<Instant> nextValidation = new AtomicReference<>(Instant.EPOCH);
    private volatile boolean startupCredentialDone;
    private volatile Pass last;
    /** Token id → generation whose renewal Twitch refused. */
    private final java.util.Map<String, Long> refused = new java.util.concurrent.ConcurrentHashMap<>();

    @Inject
    public TokenLifecycle(TokenPoolAdmin pool, TokenService tokens, AuthConfig config, PoolMetrics metrics) {
        this.pool = pool;
        this.tokens = tokens;
        this.config = config;
        this.metrics = metrics;
    }

    @Scheduled(every = "${lurker.auth.lifecycle.interval:30s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Disabled.class)
    Uni<Void> scheduled() {
        return run(false).onFailure().recoverWithItem(e -> {
            LOG.warnf("Token lifecycle pass failed: %s", e.getMessage());
            return null;
        }).replaceWithVoid();
    }

    public Pass last() {
        return last;
    }

    /** One pass now; {@code forceValidation} validates every token whatever the schedule. */
    public synchronized Uni<Pass> run(boolean forceValidation) {
        Instant now = Instant.now();
        boolean validate = forceValidation || !now.isBefore(nextValidation.get());
        List<String> failures = new ArrayList<>();
        AtomicInteger invalidated = new AtomicInteger();
        AtomicInteger renewed = new AtomicInteger();
        AtomicInteger minted = new AtomicInteger();
        return startupCredential(failures)
                .chain(() -> pool.tokens())
                .chain(all -> Multi.createFrom().iterable(all)
                        .onItem().transformToUniAndConcatenate(token -> handle(token, validate, invalidated, renewed, failures))
                        .collect().asList()
                        .replaceWith(all.size()))
                .chain(count -> mintMissing(minted, failures).replaceWith(count))
                .invoke(() -> {
                    if (validate) {
                        nextValidation.set(now.plus(config.lifecycle().validateInterval()));
                    }
                })
                .call(metrics::refresh)
                .map(count -> {
                    Pass pass = new Pass(now, validate, count, invalidated.get(), renewed.get(), minted.get(), List.copyOf(failures));
                    last = pass;
                    if (pass.invalidated() + pass.renewed() + pass.minted() > 0 || !failures.isEmpty()) {
                        LOG.infof("Token lifecycle: %d tokens, %d invalidated, %d renewed, %d minted, %d failures",
                                pass.tokens(), pass.invalidated(), pass.renewed(), pass.minted(), failures.size());
                    }
                    return pass;
                });
    }

    private Uni<Void> startupCredential(List<String> failures) {
        if (startupCredentialDone || config.startup().clientId().isEmpty() || config.startup().clientSecret().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String clientId = config.startup().clientId().get();
        return pool.credentials()
                .chain(creds -> creds.stream().anyMatch(c -> c.clientId().equals(clientId))
                        ? Uni.createFrom().voidItem()
                        : tokens.registerCredential(clientId, config.startup().clientSecret().get()).replaceWithVoid())
                .invoke(() -> startupCredentialDone = true)
                .onFailure(e -> e instanceof ProblemException p && p.status() >= 400 && p.status() < 500).recoverWithUni(e -> {
                    // refused or malformed: retrying cannot help; say so once
                    startupCredentialDone = true;
                    LOG.errorf("The start-up credential %s (TWITCH_CLIENT_ID) was not registered: %s", clientId, e.getMessage());
                    failures.add("startup-credential: " + e.getMessage());
                    return Uni.createFrom().voidItem();
                })
                .onFailure().recoverWithUni(e -> {
                    failures.add("startup-credential: " + e.getMessage());
                    return Uni.createFrom().voidItem();
                });
    }

    private Uni<Void> handle(TokenView token, boolean validate, AtomicInteger invalidated, AtomicInteger renewed, List<String> failures) {
        Uni<TokenState> state = validate && token.state() == TokenState.HEALTHY
                ? tokens.validate(token.id()).invoke(s -> {
                    if (s == TokenState.INVALID) {
                        invalidated.incrementAndGet();
                    }
                }).onFailure().recoverWithItem(e -> {
                    failures.add("validate " + token.id() + ": " + e.getMessage());
                    return token.state();
                })
                : Uni.createFrom().item(token.state());
        return state.chain(current -> {
            if (!needsRenewal(token, current)) {
                return Uni.createFrom().voidItem();
            }
            if (current == TokenState.INVALID && token.kind() == TokenKind.USER && !token.hasRefreshToken()) {
                return Uni.createFrom().voidItem();
            }
            return tokens.renew(token.id())
                    .invoke(() -> renewed.incrementAndGet())
                    .replaceWithVoid()
                    .onFailure().recoverWithUni(e -> {
                        if (e instanceof ProblemException p && p.status() == 422) {
                            refused.put(token.id(), token.generation());
                        }
                        failures.add("renew " + token.id() + ": " + e.getMessage());
                        return Uni.createFrom().voidItem();
                    });
        });
    }

    private boolean needsRenewal(TokenView token, TokenState current) {
        Instant now = Instant.now();
        return switch (current) {
            case INVALID -> token.kind() == TokenKind.APP || !lastRenewalRefused(token);
            case REFRESHING -> token.updatedAt().isBefore(now.minus(STUCK_REFRESHING));
            case HEALTHY -> token.expiresAt().map(exp -> exp.isBefore(now.plus(config.lifecycle().refreshMargin()))).orElse(false);
        };
    }

    /**
     * An invalid user token whose refresh was already refused stays invalid (retrying the same
     * refused refresh token every pass only adds noise) until its material is replaced.
     */
    private boolean lastRenewalRefused(TokenView token) {
        Long generation = refused.get(token.id());
        return generation != null && generation == token.generation();
    }

    private Uni<Void> mintMissing(AtomicInteger minted, List<String> failures) {
        return Uni.combine().all().unis(pool.credentials(), pool.tokens()).asTuple().chain(both -> {
            Set<String> withApp = both.getItem2().stream().filter(t -> t.kind() == TokenKind.APP)
                    .map(TokenView::clientId).collect(Collectors.toSet());
            List<CredentialView> missing = both.getItem1().stream().filter(c -> !withApp.contains(c.clientId())).toList();
            return Multi.createFrom().iterable(missing)
                    .onItem().transformToUniAndConcatenate(c -> tokens.mintAppToken(c.clientId())
                            .invoke(() -> minted.incrementAndGet()).replaceWithVoid()
                            .onFailure().recoverWithUni(e -> {
                                failures.add("mint " + c.clientId() + ": " + e.getMessage());
                                return Uni.createFrom().voidItem();
                            }))
                    .collect().asList().replaceWithVoid();
        });
    }

    /** Skips scheduled passes when {@code lurker.auth.lifecycle.enabled=false}. */
    @ApplicationScoped
    public static class Disabled implements Scheduled.SkipPredicate {

        @Inject
        AuthConfig config;

        @Override
        public boolean test(io.quarkus.scheduler.ScheduledExecution execution) {
            return !config.lifecycle().enabled();
        }
    }
}
