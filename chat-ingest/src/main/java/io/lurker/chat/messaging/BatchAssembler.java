package io.lurker.chat.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lurker.contracts.RoutingKeys;
import io.lurker.contracts.Schema;
import io.lurker.contracts.chat.ChatEvent;
import io.lurker.contracts.chat.ChatEventBatch;
import io.lurker.contracts.chat.ChatMessage;
import io.lurker.contracts.chat.ChatMessageBatch;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Groups records per channel and kind into batches of at most {@code maxRecords}, closed at
 * the latest {@code maxDelay} after their first record, and hands them to the publisher in
 * order. The buffer is bounded: {@link #add} blocks while {@code capacity} records are accepted
 * and not yet released (confirmed by the broker or spooled) — that is the backpressure the
 * IRC reader and the import API feel.
 */
public final class BatchAssembler implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(BatchAssembler.class);

    /** Routing-key segment of events whose channel is unknown: {@code chat.event._unparsed}. */
    public static final String UNKNOWN_CHANNEL = "_unparsed";

    private final int maxRecords;
    private final Duration maxDelay;
    private final int capacity;
    private final ObjectMapper json;
    private final Consumer<OutboundBatch> sink;
    private final Clock clock;
    private final Semaphore room;
    private final Map<String, Accumulator> accumulators = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private volatile boolean closed;

    public BatchAssembler(int maxRecords, Duration maxDelay, int capacity, ObjectMapper json,
            Consumer<OutboundBatch> sink, Clock clock) {
        this.maxRecords = Math.max(1, maxRecords);
        this.maxDelay = maxDelay;
        this.capacity = Math.max(this.maxRecords, capacity);
        this.json = json;
        this.sink = sink;
        this.clock = clock;
        this.room = new Semaphore(this.capacity);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "chat-batch-timer");
            t.setDaemon(true);
            return t;
        });
        long tick = Math.max(5, maxDelay.toMillis() / 4);
        timer.scheduleWithFixedDelay(this::flushDueQuietly, tick, tick, TimeUnit.MILLISECONDS);
    }

    /** Queues a message for {@code chat.message.<channel>}; blocks while the buffer is full. */
    public void add(ChatMessage message) throws InterruptedException {
        add(message.channelLogin(), true, message);
    }

    /** Queues an event for {@code chat.event.<channel>}, or {@code chat.event._unparsed} without a channel. */
    public void add(ChatEvent event) throws InterruptedException {
        add(event.channelLogin(), false, event);
    }

    private void add(String channelLogin, boolean message, Object record) throws InterruptedException {
        if (closed) {
            throw new IllegalStateException("the chat pipeline is shut down");
        }
        room.acquire();
        String channel = channelLogin == null || channelLogin.isBlank() ? null : channelLogin;
        String key = (message ? "m:" : "e:") + (channel == null ? "" : channel);
        Accumulator acc = accumulators.computeIfAbsent(key, k -> new Accumulator(channel, message));
        synchronized (acc) {
            if (acc.records.isEmpty()) {
                acc.firstAt = System.nanoTime();
            }
            acc.records.add(record);
            if (acc.records.size() >= maxRecords) {
                close(acc);
            }
        }
    }

    /** The publisher released records (confirmed or spooled): make room for as many. */
    public void release(int records) {
        room.release(records);
    }

    /** Records accepted and not yet released. */
    public int buffered() {
        return capacity - room.availablePermits();
    }

    public int capacity() {
        return capacity;
    }

    /** Closes every open batch now (shutdown, tests). */
    public void flushAll() {
        for (Accumulator acc : accumulators.values()) {
            synchronized (acc) {
                if (!acc.records.isEmpty()) {
                    close(acc);
                }
            }
        }
    }

    void flushDue() {
        long now = System.nanoTime();
        long delay = maxDelay.toNanos();
        for (Accumulator acc : accumulators.values()) {
            synchronized (acc) {
                if (!acc.records.isEmpty() && now - acc.firstAt >= delay) {
                    close(acc);
                }
            }
        }
    }

    private void flushDueQuietly() {
        try {
            flushDue();
        } catch (RuntimeException e) {
            LOG.errorf(e, "Closing due batches failed");
        }
    }

    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        flushAll();
    }

    /** Called with the accumulator's lock held, so a channel's batches reach the sink in order. */
    @SuppressWarnings("unchecked")
    private void close(Accumulator acc) {
        List<Object> records = acc.records;
        acc.records = new ArrayList<>(Math.min(maxRecords, 64));
        Instant now = clock.instant();
        String batchId = UUID.randomUUID().toString();
        byte[] body;
        try {
            body = acc.message
                    ? json.writeValueAsBytes(new ChatMessageBatch(Schema.CURRENT, batchId, acc.channel, now,
                            (List<ChatMessage>) (List<?>) records))
                    : json.writeValueAsBytes(new ChatEventBatch(Schema.CURRENT, batchId, acc.channel, now,
                            (List<ChatEvent>) (List<?>) records));
        } catch (JsonProcessingException e) {
            // cannot happen with the contracts records; if it does, say so loudly rather than block forever
            LOG.errorf(e, "Could not serialise a batch of %d records for %s", records.size(), acc.routingKey);
            room.release(records.size());
            return;
        }
        sink.accept(new OutboundBatch(batchId, acc.routingKey, records.size(), now, body));
    }

    private static final class Accumulator {
        final String channel;
        final boolean message;
        final String routingKey;
        List<Object> records = new ArrayList<>();
        long firstAt;

        Accumulator(String channel, boolean message) {
            this.channel = channel;
            this.message = message;
            String segment = channel == null ? UNKNOWN_CHANNEL : channel;
            this.routingKey = message ? RoutingKeys.chatMessage(segment) : RoutingKeys.chatEvent(segment);
        }
    }
}
