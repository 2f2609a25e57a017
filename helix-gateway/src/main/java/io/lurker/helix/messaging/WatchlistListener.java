package io.lurker.helix.messaging;

import io.lurker.contracts.EventJson;
import io.lurker.contracts.control.WatchlistChanged;
import io.lurker.helix.service.Watchlist;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/** {@code control.watchlist} deltas, on a queue of this replica's own (every replica needs every delta). */
@ApplicationScoped
public class WatchlistListener {

    private static final Logger LOG = Logger.getLogger(WatchlistListener.class);

    private final Watchlist watchlist;

    public WatchlistListener(Watchlist watchlist) {
        this.watchlist = watchlist;
    }

    @Incoming("watchlist")
    @Blocking
    public CompletionStage<Void> changed(Message<Object> message) {
        try {
            Object payload = message.getPayload();
            String json = payload instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                    : payload instanceof io.vertx.core.buffer.Buffer buffer ? buffer.toString(StandardCharsets.UTF_8)
                    : payload instanceof io.vertx.core.json.JsonObject object ? object.encode() : String.valueOf(payload);
            watchlist.apply(EventJson.mapper().readValue(json, WatchlistChanged.class));
        } catch (Exception e) {
            // a delta we cannot read: reload the whole list instead
            LOG.warnf("Unreadable control.watchlist message (%s); reloading the watchlist", e.getClass().getSimpleName());
            watchlist.reload();
        }
        return message.ack();
    }
}
