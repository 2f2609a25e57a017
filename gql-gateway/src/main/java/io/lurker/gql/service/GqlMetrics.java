package io.lurker.gql.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What gql-gateway counts (Prometheus names at {@code /q/metrics}):
 * <ul>
 * <li>{@code lurker_gql_upstream_requests_total{operation,status}}: every operation sent to
 * Twitch's GraphQL, by outcome: {@code ok}, {@code persisted_query_not_found},
 * {@code integrity_failed}, {@code graphql_error}, {@code http_<code>}, {@code unreadable};</li>
 * <li>{@code lurker_gql_hash_rediscoveries_total{outcome}}: runs of the hash rediscovery
 * ({@code changed}: a hash was updated, {@code unchanged}, {@code failed});</li>
 * <li>{@code lurker_gql_integrity_refreshes_total}: fresh tokens asked of integrity-service;</li>
 * <li>{@code lurker_gql_replay_pages_total} and {@code lurker_gql_replay_comments_total{outcome}}
 * ({@code published} or {@code refused}): VOD chat replay progress.</li>
 * </ul>
 */
@ApplicationScoped
public class GqlMetrics {

    private final MeterRegistry registry;
    private final Counter integrityRefreshes;
    private final Counter replayPages;
    private final Counter commentsPublished;
    private final Counter commentsRefused;

    public GqlMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.integrityRefreshes = Counter.builder("lurker.gql.integrity.refreshes")
                .description("Fresh integrity tokens asked of integrity-service after a refused one").register(registry);
        this.replayPages = Counter.builder("lurker.gql.replay.pages")
                .description("VOD comment pages read and published").register(registry);
        this.commentsPublished = comments("published");
        this.commentsRefused = comments("refused");
    }

    private Counter comments(String outcome) {
        return Counter.builder("lurker.gql.replay.comments").tag("outcome", outcome)
                .description("VOD comments published, or refused as malformed (logged)").register(registry);
    }

    public void upstream(String operation, String status) {
        Counter.builder("lurker.gql.upstream.requests").tag("operation", operation).tag("status", status)
                .description("Operations sent to Twitch's GraphQL by outcome").register(registry).increment();
    }

    public void rediscovery(String outcome) {
        Counter.builder("lurker.gql.hash.rediscoveries").tag("outcome", outcome)
                .description("Persisted-query hash rediscoveries from the site's script bundles").register(registry).increment();
    }

    public void integrityRefresh() {
        integrityRefreshes.increment();
    }

    public void replayPage(int published, int refused) {
        replayPages.increment();
        commentsPublished.increment(published);
        commentsRefused.increment(refused);
    }
}
