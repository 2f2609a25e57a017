package io.lurker.analytics.messaging;

import io.lurker.analytics.config.AnalyticsConfig;
import io.lurker.analytics.service.InvalidEventException;
import io.lurker.analytics.service.PartitionMaintainer;
import io.smallrye.reactive.messaging.rabbitmq.RabbitMQRejectMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

/**
 * What every consumer does with a delivery: read the JSON, store it in one transaction (its own,
 * or for live chat one shared with other deliveries, {@link ChatWriteGroups}), and acknowledge
 * only after the commit. Input that can never be stored goes to the dead-letter
 * queue with the reason; anything else (database down, deadlock) is requeued after a pause.
 */
@ApplicationScoped
public class IngestHandler {

    /** Stores one decoded payload; runs on a worker thread. */
    @FunctionalInterface
    public interface Store<T> {
        void store(T payload) throws SQLException;
    }

    /**
     * Stores one decoded payload later (group commit, {@link ChatWriteGroups}): the stage
     * completes after the commit, or fails with what prevented it.
     */
    @FunctionalInterface
    public interface LaterStore<T> {
        CompletionStage<Void> store(T payload);
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
        return handleLater(queueSuffix, message, type, payload -> {
            try {
                store.store(payload);
                return CompletableFuture.completedFuture(null);
            } catch (SQLException e) {
                // the worker pauses before the delivery is requeued, as the writer threads do
                pauseAfter(e);
                return CompletableFuture.failedFuture(e);
            }
        });
    }

    public <T> CompletionStage<Void> handleLater(String queueSuffix, Message<byte[]> message, Class<T> type,
            LaterStore<T> store) {
        String queue = config.queuePrefix() + queueSuffix;
        T payload;
        try {
            payload = decoder.decode(message.getPayload(), type);
        } catch (InvalidEventException e) {
            return deadLetter(queue, message, e.getMessage());
        }
        CompletionStage<Void> stored;
        try {
            stored = store.store(payload);
        } catch (RuntimeException e) {
            return settle(queue, message, type, e);
        }
        return stored.handle((ok, failure) -> failure == null ? message.ack() : settle(queue, message, type, failure))
                .thenCompose(Function.identity());
    }

    /** Acknowledges nothing it cannot store: poison to the dead-letter queue, database failures back to the queue. */
    private CompletionStage<Void> settle(String queue, Message<byte[]> message, Class<?> type, Throwable failure) {
        Throwable e = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (e instanceof InvalidEventException) {
            return deadLetter(queue, message, "invalid " + type.getSimpleName() + ": " + e.getMessage());
        }
        if (e instanceof SQLException sql) {
            if (isDataError(sql)) {
                return deadLetter(queue, message, "refused by the database (SQLSTATE " + sql.getSQLState() + "): "
                        + firstLine(sql.getMessage()));
            }
            return retryLater(queue, message, sql);
        }
        return deadLetter(queue, message, "cannot be stored: " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    /**
     * Class 22 (data exception), 23 (integrity) and 54 (a value over a limit, such as an id too
     * long for an index) mean the input itself is wrong — except a missing partition (23514 from
     * partition routing), which is repaired and retried.
     */
    static boolean isDataError(SQLException e) {
        String state = e.getSQLState();
        if (state == null) {
            return false;
        }
        if ("23514".equals(state) && String.valueOf(e.getMessage()).contains("no partition")) {
            return false;
        }
        return state.startsWith("22") || state.startsWith("23") || state.startsWith("54");
    }

    private CompletionStage<Void> retryLater(String queue, Message<byte[]> message, SQLException e) {
        LOG.debugf("A message from %s will be redelivered (SQLSTATE %s)", queue, e.getSQLState());
        return message.nack(e, Metadata.of(new RabbitMQRejectMetadata(true)));
    }

    /** Before a delivery that failed in the database is requeued: a pause, and the partitions reread if one was missing. */
    private void pauseAfter(SQLException e) {
        if (isDataError(e)) {
            return;
        }
        LOG.warnf("Storing a message failed (SQLSTATE %s: %s); it will be redelivered", e.getSQLState(),
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
    }

    private CompletionStage<Void> deadLetter(String queue, Message<byte[]> message, String reason) {
        return deadLetters.send(queue, message, reason)
                .thenCompose(sent -> message.ack())
                .exceptionallyCompose(failure -> {
                    LOG.errorf("Dead-lettering a message from %s failed: %s", queue, failure.getMessage());
                    return message.nack(failure, Metadata.of(new RabbitMQRejectMetadata(true)));
                });
    }

    static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
