package io.lurker.chat.health;

import io.lurker.chat.messaging.ChatPublishing;
import io.lurker.chat.messaging.ChatSpool;
import io.lurker.chat.messaging.ConfirmingPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while chat can be accepted without loss: with the broker connected, or with the broker
 * away but room left in the spool. Down only when the spool is full (accepting would block).
 */
@Readiness
@ApplicationScoped
public class ChatPublisherReadiness implements HealthCheck {

    private final ChatPublishing publishing;

    public ChatPublisherReadiness(ChatPublishing publishing) {
        this.publishing = publishing;
    }

    @Override
    public HealthCheckResponse call() {
        ConfirmingPublisher publisher = publishing.publisher();
        ChatSpool spool = publishing.spool();
        boolean spoolFull = spool.bytes() >= spool.maxBytes();
        HealthCheckResponseBuilder answer = HealthCheckResponse.named("chat-publisher")
                .status(!spoolFull)
                .withData("broker", publisher.connected() ? "connected" : "disconnected")
                .withData("spoolBatches", spool.batches())
                .withData("spoolBytes", spool.bytes())
                .withData("spoolMaxBytes", spool.maxBytes())
                .withData("bufferedRecords", publishing.assembler().buffered())
                .withData("bufferCapacity", publishing.assembler().capacity());
        String error = publisher.lastError();
        if (error != null) {
            answer.withData("lastError", error);
        }
        return answer.build();
    }
}
