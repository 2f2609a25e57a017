package io.lurker.analytics.messaging;

import io.lurker.analytics.config.AnalyticsConfig;
import io.lurker.analytics.service.InvalidEventException;
import io.lurker.analytics.service.PartitionMaintainer;
import io.smallrye.reactive.messaging.rabbitmq.RabbitMQRejectMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

/**
 * What every consumer does with a delivery: read the JSON, store it in one transaction, and
 * acknowledge only after the commit. Input that can never be stored goes to the dead-letter
 * queue with the reason; anything else (database down, deadlock) is requeued after a pause.
 */
@ApplicationScoped
public class IngestHandler {

    /** Stores one decoded payload; runs on a worker thread. */
    @FunctionalInterface
    public interface Store<T> {
        void store(T payload) throws SQLException;
    }

    private static final Logger LOG = Logger.getLogger(IngestHandler.class);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

    private final EventDecoder decoder;
    private final DeadLetterPublisher deadLetters;
    private final PartitionMaintainer partitions;
    private final AnalyticsConfig config;

    public IngestHandler(EventDecoder decoder, DeadLetterPublisher deadLetters, PartitionMaintainer partitions,
            AnalyticsConfig config) {
        this.decoder = decoder;
        this.deadLetters = deadLetters;
        this.partitions = partitions;
        this.config = config;
    }

    public <T> CompletionStage<Void> handle(String queueSuffix, Message<byte[]> message, Class<T> type, Store<T> store) {
        String queue = config.queuePrefix() + queueSuffix;
        T payload;
        try {
            payload = decoder.decode(message.getPayload(), type);
        } catch (InvalidEventException e) {
            return deadLetter(queue, message, e.getMessage());
        }
        try {
            store.store(payload);
            return message.ack();
        } catch (InvalidEventException e) {
            return deadLetter(queue, message, "invalid " + type.getSimpleName() + ": " + e.getMessage());
        } catch (SQLException e) {
            if (isDataError(e)) {
                return deadLetter(queue, message, "refused by the database (SQLSTATE " + e.getSQLState() + "): "
                        + firstLine(e.getMessage()));
            }
            return retryLater(queue, message, e);
        } catch (RuntimeException e) {
            return deadLetter(queue, message, "cannot be stored: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /**
     * Class 22 (data exception) and 23 (integrity) mean the input itself is wrong — except a
     * missing partition (23514 from partition routing), which is repaired and retried.
     */
    static boolean isDataError(SQLException e) {
        String state = e.getSQLState();
        if (state == null) {
            return false;
        }
        if ("23514".equals(state) && String.valueOf(e.getMessage()).contains("no partition")) {
            return false;
        }
        return state.startsWith("22") || state.startsWith("23");
    }

    private CompletionStage<Void> retryLater(String queue, Message<byte[]> message, SQLException e) {
        LOG.warnf("Storing a message from %s failed (SQLSTATE %s: %s); it will be redelivered", queue, e.getSQLState(),
                firstLine(e.getMessage()));
        try {
            if ("23514".equals(e.getSQLState())) {
                partitions.reload();
            }
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (SQLException reloadFailed) {
            LOG.debugf("Reloading partitions failed: %s", reloadFailed.getMessage());
        }
        return message.nack(e, Metadata.of(new RabbitMQRejectMetadata(true)));
    }

    private CompletionStage<Void> deadLetter(String queue, Message<byte[]> message, String reason) {
        return deadLetters.send(queue, message, reason)
                .thenCompose(sent -> message.ack())
                .exceptionallyCompose(failure -> {
                    LOG.errorf("Dead-lettering a message from %s failed: %s", queue, failure.getMessage());
                    return message.nack(failure, Metadata.of(new RabbitMQRejectMetadata(true)));
                });
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
