package io.lurker.tokenpool.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Refuses a Lurker API token whose {@code jti} is on the revocation list. Runs in every
 * service that carries this jar, after {@code quarkus-smallrye-jwt} verified the signature,
 * issuer and expiry; the failure reaches {@code ProblemMappers} as a 401 problem (services set
 * {@code quarkus.http.auth.proactive=false}). The check is an in-memory lookup.
 */
@ApplicationScoped
public class RevocationAugmentor implements SecurityIdentityAugmentor {

    private final RevocationList revocations;

    @Inject
    public RevocationAugmentor(RevocationList revocations) {
        this.revocations = revocations;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
        }
        String id = jwt.getTokenID();
        if (id != null && revocations.isRevoked(id)) {
            return Uni.createFrom().failure(new AuthenticationFailedException("The token was revoked"));
        }
        return Uni.createFrom().item(identity);
    }
}
