package io.lurker.auth.apitokens;

import io.lurker.auth.AuthConfig;
import io.lurker.tokenpool.problem.ProblemException;
import io.lurker.tokenpool.repository.PoolStore;
import io.lurker.tokenpool.security.ApiRoles;
import io.lurker.tokenpool.security.RevocationList;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Issues and revokes Lurker API tokens: RS256 JWTs, issuer {@code lurker}, roles in
 * {@code groups}, {@code jti}, {@code iat}, {@code exp}. Issued tokens are recorded (without the
 * token itself) in the sorted set {@code <pool prefix>jwt:issued} until they expire; revocations
 * go to the shared {@link RevocationList} that every service honours.
 */
@ApplicationScoped
public class ApiTokenService {

    private static final Logger LOG = Logger.getLogger(ApiTokenService.class);
    private static final Set<String> ROLES = Set.of(ApiRoles.ADMIN, ApiRoles.READ, ApiRoles.INTERNAL);
    private static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9_.@:-]{1,100}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]{1,200}");
    private static final String ISSUED = "jwt:issued";

    /** An issued token; {@code token} is the JWT itself, answered once and never stored or logged. */
    public record Issued(String id, String subject, Set<String> roles, Instant issuedAt, Instant expiresAt, String token) {
        @Override
        public String toString() {
            return "Issued[id=" + id + ", subject=" + subject + ", roles=" + roles + ", expiresAt=" + expiresAt + ", token=<redacted>]";
        }
    }

    /** What the listing shows of an issued token. */
    public record IssuedView(String id, String subject, Set<String> roles, Instant expiresAt, boolean revoked) {
    }

    private final SigningKey key;
    private final AuthConfig config;
    private final PoolStore store;
    private final RevocationList revocations;

    @Inject
    public ApiTokenService(SigningKey key, AuthConfig config, PoolStore store, RevocationList revocations) {
        this.key = key;
        this.config = config;
        this.store = store;
        this.revocations = revocations;
    }

    public Uni<Issued> issue(String subject, Set<String> roles, Optional<Duration> ttl) {
        return Uni.createFrom().deferred(() -> {
            String sub = subject == null || subject.isBlank() ? "api" : subject;
            if (!SUBJECT.matcher(sub).matches()) {
                throw ProblemException.badParameter("subject", "must be 1-100 characters of [A-Za-z0-9_.@:-]");
            }
            if (roles == null || roles.isEmpty() || !ROLES.containsAll(roles)) {
                throw ProblemException.badParameter("roles", "must name one or more of " + new TreeSet<>(ROLES));
            }
            Duration lifetime = ttl.orElse(config.jwt().defaultTtl());
            if (lifetime.compareTo(Duration.ofMinutes(1)) < 0 || lifetime.compareTo(config.jwt().maxTtl()) > 0) {
                throw ProblemException.badParameter("ttl", "must be between 1 minute and " + config.jwt().maxTtl());
            }
            String id = UUID.randomUUID().toString();
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            Instant expires = now.plus(lifetime);
            String jwt = Jwt.issuer(ApiRoles.ISSUER).subject(sub).groups(Set.copyOf(roles)).claim("jti", id)
                    .issuedAt(now).expiresAt(expires)
                    .jws().keyId(key.keyId()).sign(key.key());
            String member = String.join("|", id, String.valueOf(expires.toEpochMilli()), sub, String.join(",", new TreeSet<>(roles)));
            return store.command(Command.ZADD, ISSUED, String.valueOf(expires.toEpochMilli()), member)
                    .chain(() -> store.command(Command.ZREMRANGEBYSCORE, ISSUED, "-inf", String.valueOf(System.currentTimeMillis())))
                    .map(ignored -> {
                        LOG.infof("Issued API token %s for %s with roles %s until %s", id, sub, new TreeSet<>(roles), expires);
                        return new Issued(id, sub, new TreeSet<>(roles), now, expires, jwt);
                    });
        });
    }

    public Uni<List<IssuedView>> issued() {
        return store.command(Command.ZRANGEBYSCORE, ISSUED, String.valueOf(System.currentTimeMillis()), "+inf").map(response -> {
            List<IssuedView> views = new ArrayList<>();
            if (response != null) {
                for (Response member : response) {
                    parse(member.toString()).ifPresent(views::add);
                }
            }
            return views;
        });
    }

    /**
     * Revokes a token id until its expiry: known from the record of an issued token, else the
     * given one, else now + {@code max-ttl} (tokens minted by {@code token.sh} are not recorded).
     */
    public Uni<Instant> revoke(String id, Optional<Instant> expiresAt) {
        return Uni.createFrom().deferred(() -> {
            if (id == null || !ID.matcher(id).matches()) {
                throw ProblemException.badParameter("id", "is not a token id");
            }
            return issued().map(all -> all.stream().filter(v -> v.id().equals(id)).map(IssuedView::expiresAt).findFirst()
                            .or(() -> expiresAt)
                            .orElse(Instant.now().plus(config.jwt().maxTtl())))
                    .call(exp -> revocations.revoke(id, exp)
                            .onFailure(e -> !(e instanceof ProblemException))
                            .transform(e -> ProblemException.unavailable("The revocation list in Redis cannot be written: " + e.getClass().getSimpleName())))
                    .invoke(exp -> LOG.infof("Revoked API token %s until %s", id, exp));
        });
    }

    private Optional<IssuedView> parse(String member) {
        String[] parts = member.split("\\|", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        try {
            return Optional.of(new IssuedView(parts[0], parts[2], new TreeSet<>(List.of(parts[3].split(","))),
                    Instant.ofEpochMilli(Long.parseLong(parts[1])), revocations.isRevoked(parts[0])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
