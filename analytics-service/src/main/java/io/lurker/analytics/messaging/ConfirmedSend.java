package io.lurker.analytics.messaging;

import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/** Sends through an emitter whose channel has publisher confirms and completes on the broker's answer. */
final class ConfirmedSend {

    private ConfirmedSend() {
    }

    static CompletionStage<Void> send(Emitter<byte[]> emitter, byte[] body, OutgoingRabbitMQMetadata metadata) {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        emitter.send(Message.of(body, Metadata.of(metadata),
                () -> {
                    sent.complete(null);
                    return CompletableFuture.completedFuture(null);
                },
                failure -> {
                    sent.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                }));
        return sent;
    }
}
