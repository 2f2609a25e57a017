package io.lurker.bench.tokenpool;

import io.lurker.tokenpool.model.RateLimitHeaders;
import io.lurker.tokenpool.service.Lease;
import io.smallrye.mutiny.Uni;

/**
 * Where a lease client sends its request: the pluggable "Twitch" of the harness. Implementations
 * answer the HTTP status and the {@code Ratelimit-*} headers, as Helix would.
 */
public interface Upstream extends AutoCloseable {

    record Answer(int status, RateLimitHeaders headers) {
    }

    Uni<Answer> call(Lease lease);

    @Override
    default void close() {
    }
}
