package io.lurker.tokenpool.crypto;

import io.lurker.tokenpool.config.TokenPoolConfig;
import io.lurker.tokenpool.repository.PoolStore;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * At start, in a service that uses the pool: fails fast when the encryption keys are missing
 * or wrong, and loads the Lua scripts. Services that carry this jar only for its problem+json
 * plumbing never inject the pool, Quarkus removes its beans as unused, and this check does
 * nothing there. A service that injects the pool but uses it only in some configurations sets
 * {@code lurker.token-pool.check-at-start=false} and calls {@link #check()} when it does use
 * it. The lookups use {@code listAll}, which keeps nothing alive and, unlike
 * {@code instance()}, does not warn about beans removed as unused.
 */
@ApplicationScoped
public class TokenPoolStartup {

    private static final Logger LOG = Logger.getLogger(TokenPoolStartup.class);

    private final TokenPoolConfig config;

    public TokenPoolStartup(TokenPoolConfig config) {
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.checkAtStart()) {
            check();
        } else {
            LOG.debug("Token pool keys not checked at start (lurker.token-pool.check-at-start=false)");
        }
    }

    /**
     * Validates the encryption keys (an {@link IllegalStateException} naming the missing or bad
     * setting, never a key) and starts loading the Lua scripts.
     */
    public void check() {
        for (InstanceHandle<TokenCipher> cipher : Arc.container().listAll(TokenCipher.class)) {
            // creating the bean validates the keys; a failure here stops the application
            LOG.infof("Token pool encryption: active key '%s', keys %s", cipher.get().activeKeyId(), cipher.get().keyIds());
        }
        for (InstanceHandle<PoolStore> store : Arc.container().listAll(PoolStore.class)) {
            // best effort: Redis may be down at start; scripts then load on first use
            store.get().loadScripts().subscribe().with(ok -> LOG.debug("Token pool scripts loaded"),
                    e -> LOG.warnf("Token pool scripts not loaded at start (%s); they load on first use", e.getMessage()));
        }
    }
}
