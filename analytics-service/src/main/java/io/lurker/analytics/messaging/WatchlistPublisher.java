package io.lurker.analytics.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lurker.contracts.control.WatchlistChanged;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/** Publishes {@link WatchlistChanged} on {@code control.watchlist} with publisher confirms. */
@ApplicationScoped
public class WatchlistPublisher {

    private final Emitter<byte[]> emitter;
    private final ObjectMapper json;

    public WatchlistPublisher(@Channel("watchlist-changes") Emitter<byte[]> emitter, ObjectMapper json) {
        this.emitter = emitter;
        this.json = json;
    }

    /** Completes when the broker confirmed the message. */
    public CompletionStage<Void> publish(WatchlistChanged change) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(change);
        } catch (JsonProcessingException e) {
            return CompletableFuture.failedFuture(e);
        }
        OutgoingRabbitMQMetadata metadata = OutgoingRabbitMQMetadata.builder()
                .withRoutingKey(io.lurker.contracts.RoutingKeys.CONTROL_WATCHLIST)
                .withContentType("application/json")
                .withDeliveryMode(2)
                .build();
        return ConfirmedSend.send(emitter, body, metadata);
    }
}
