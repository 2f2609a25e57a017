package io.lurker.chat.messaging;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Publishes batches to the topic exchange with publisher confirms, in the order they were
 * submitted, and never loses one: a batch leaves memory only once the broker confirmed it or it
 * was written (and forced) to the {@link ChatSpool}. While the broker is unreachable, or while
 * the spool still holds older batches, new batches go to the spool; once connected again the
 * spool is replayed oldest first, window by window, each removed only after its confirms.
 *
 * <p>One thread ({@code chat-publisher}) does all broker and spool work. It uses the plain
 * RabbitMQ client with automatic recovery off so that it alone decides when to reconnect and
 * which batches are still unconfirmed. A window that is nacked, times out or loses its
 * connection is handled from its first unconfirmed batch on: that batch and all later ones go
 * to the spool, so a channel's batches never overtake each other (a batch may then reach the
 * broker twice; consumers dedupe on record ids).
 */
public final class ConfirmingPublisher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ConfirmingPublisher.class);

    /** Connection settings and limits. */
    public record Settings(String host, int port, String username, String password, String virtualHost,
            String exchange, int window, Duration confirmTimeout, Duration reconnectInterval) {
    }

    /** Callbacks from the publisher thread; keep them short. */
    public interface Listener {
        /** A submitted batch left memory: confirmed by the broker or durably spooled. */
        default void released(OutboundBatch batch) {
        }

        /** The broker confirmed a batch (submitted now, or replayed from the spool). */
        default void confirmed(OutboundBatch batch, boolean replayed, Duration latency) {
        }

        /** A batch was written to the spool. */
        default void spooled(OutboundBatch batch) {
        }

        default void connectionChanged(boolean connected) {
        }
    }

    private final Settings settings;
    private final ChatSpool spool;
    private final Listener listener;
    private final Clock clock;
    private final LinkedBlockingQueue<OutboundBatch> queue = new LinkedBlockingQueue<>();
    /** Taken from the queue, not yet confirmed nor spooled (publisher thread only). */
    private final ArrayDeque<OutboundBatch> pending = new ArrayDeque<>();
    private final Thread thread;

    private volatile boolean running = true;
    private volatile boolean connected;
    private volatile String lastError;
    private volatile ConfirmWindow window;
    private Connection connection;
    private Channel channel;
    private long nextConnectAt;
    private boolean outageLogged;

    public ConfirmingPublisher(Settings settings, ChatSpool spool, Listener listener, Clock clock) {
        this.settings = settings;
        this.spool = spool;
        this.listener = listener;
        this.clock = clock;
        this.thread = new Thread(this::run, "chat-publisher");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Hands a batch over; returns at once (the caller bounds how much it hands over). */
    public void submit(OutboundBatch batch) {
        if (!running) {
            throw new IllegalStateException("publisher is stopped");
        }
        queue.add(batch);
    }

    public boolean connected() {
        return connected;
    }

    /** Batches submitted and not yet confirmed nor spooled. */
    public int inMemory() {
        return queue.size() + pendingSize;
    }

    public ChatSpool spool() {
        return spool;
    }

    /** The last connection or publish error, for health details; null when none since the last success. */
    public String lastError() {
        return lastError;
    }

    /**
     * Stops after publishing (or spooling) every submitted batch. Spooled batches stay on disk
     * for the next start.
     */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(settings.confirmTimeout().toMillis() * 3 + 5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("Publisher thread did not stop in time");
        }
    }

    // ---- the publisher thread

    private volatile int pendingSize;

    private void run() {
        while (true) {
            try {
                if (!running && queue.isEmpty() && pending.isEmpty()) {
                    break;
                }
                ensureConnected();
                fillPending();
                if (!pending.isEmpty() && (!connected || !spool.isEmpty())) {
                    spoolPending();
                }
                if (connected && !spool.isEmpty() && running) {
                    replayWindow();
                } else if (connected && !pending.isEmpty()) {
                    publishPending();
                } else if (!pending.isEmpty()) {
                    // spool full and broker away: wait, the buffer upstream applies backpressure
                    sleep(100);
                } else if (queue.isEmpty()) {
                    spool.sync();
                    OutboundBatch next = queue.poll(20, TimeUnit.MILLISECONDS);
                    if (next != null) {
                        pending.add(next);
                    }
                }
                pendingSize = pending.size();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (IOException | RuntimeException e) {
                lastError = describe(e);
                LOG.errorf(e, "Publisher loop error; retrying");
                sleep(200);
            }
        }
        Connection last = connection;
        connected = false;
        connection = null;
        channel = null;
        if (last != null) {
            try {
                last.close(1000);
            } catch (IOException | RuntimeException e) {
                last.abort(1000);
            }
        }
        try {
            spool.close();
        } catch (IOException e) {
            LOG.errorf(e, "Closing the spool failed");
        }
    }

    private void fillPending() {
        int room = settings.window() - pending.size();
        while (room-- > 0) {
            OutboundBatch next = queue.poll();
            if (next == null) {
                break;
            }
            pending.add(next);
        }
        pendingSize = pending.size();
    }

    private void spoolPending() throws IOException {
        List<OutboundBatch> written = new ArrayList<>(pending.size());
        while (!pending.isEmpty() && spool.hasRoomFor(pending.peekFirst())) {
            OutboundBatch batch = pending.peekFirst();
            spool.append(batch);
            pending.pollFirst();
            written.add(batch);
        }
        spool.sync();
        for (OutboundBatch batch : written) {
            listener.spooled(batch);
            listener.released(batch);
        }
    }

    private void publishPending() {
        List<OutboundBatch> batches = new ArrayList<>(pending);
        int confirmed = publishAndConfirm(batches, false);
        for (int i = 0; i < confirmed; i++) {
            listener.released(pending.pollFirst());
        }
        // the unconfirmed rest stays in pending; the next round spools it (not connected or spool non-empty)
        if (confirmed < batches.size() && connected) {
            // nacked while connected: retry through the spool to keep the order
            try {
                spoolPending();
            } catch (IOException e) {
                lastError = describe(e);
            }
        }
    }

    private void replayWindow() throws IOException {
        List<OutboundBatch> batches = spool.peek(settings.window());
        if (batches.isEmpty()) {
            return;
        }
        int confirmed = publishAndConfirm(batches, true);
        spool.removeFirst(confirmed);
        if (confirmed < batches.size() && connected) {
            sleep(settings.reconnectInterval().toMillis());
        }
        if (spool.isEmpty()) {
            LOG.info("Spool replayed completely");
        }
    }

    /** Publishes the batches in order and waits for their confirms; returns how many leading ones were confirmed. */
    private int publishAndConfirm(List<OutboundBatch> batches, boolean replayed) {
        ConfirmWindow confirms = new ConfirmWindow(channel.getNextPublishSeqNo(), batches.size());
        window = confirms;
        try {
            for (OutboundBatch batch : batches) {
                channel.basicPublish(settings.exchange(), batch.routingKey(), false, properties(batch), batch.body());
            }
            if (!confirms.await(settings.confirmTimeout())) {
                if (confirms.aborted()) {
                    lastError = "connection closed before every confirm arrived";
                } else {
                    lastError = "no confirm within " + settings.confirmTimeout();
                    LOG.warnf("No publisher confirm within %s; dropping the connection", settings.confirmTimeout());
                }
                closeConnection();
            }
        } catch (IOException | AlreadyClosedException e) {
            lastError = describe(e);
            closeConnection();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeConnection();
        } finally {
            window = null;
        }
        int confirmed = confirms.ackedPrefix();
        Instant now = clock.instant();
        for (int i = 0; i < confirmed; i++) {
            OutboundBatch batch = batches.get(i);
            listener.confirmed(batch, replayed, Duration.between(batch.createdAt(), now));
        }
        if (confirmed == batches.size()) {
            lastError = null;
        }
        return confirmed;
    }

    private AMQP.BasicProperties properties(OutboundBatch batch) {
        return new AMQP.BasicProperties.Builder()
                .contentType("application/json")
                .contentEncoding("utf-8")
                .deliveryMode(2)
                .messageId(batch.batchId())
                .timestamp(Date.from(batch.createdAt()))
                .headers(Map.of("records", batch.records()))
                .build();
    }

    private void ensureConnected() {
        if (connected && connection != null && connection.isOpen() && channel != null && channel.isOpen()) {
            return;
        }
        if (connected) {
            Connection lost = connection;
            if (lost != null && lost.getCloseReason() != null) {
                lastError = describe(lost.getCloseReason());
            } else if (lastError == null) {
                lastError = "connection closed";
            }
            closeConnection();
        }
        long now = System.nanoTime();
        if (now < nextConnectAt) {
            return;
        }
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(settings.host());
        factory.setPort(settings.port());
        factory.setUsername(settings.username());
        factory.setPassword(settings.password());
        factory.setVirtualHost(settings.virtualHost());
        factory.setAutomaticRecoveryEnabled(false);
        factory.setTopologyRecoveryEnabled(false);
        factory.setConnectionTimeout(3000);
        factory.setHandshakeTimeout(5000);
        factory.setRequestedHeartbeat(10);
        Connection opened = null;
        try {
            opened = factory.newConnection("lurker-chat-ingest");
            Channel ch = opened.createChannel();
            ch.confirmSelect();
            ch.exchangeDeclare(settings.exchange(), BuiltinExchangeType.TOPIC, true);
            ch.addConfirmListener((tag, multiple) -> resolve(tag, multiple, true),
                    (tag, multiple) -> resolve(tag, multiple, false));
            ch.addShutdownListener(cause -> abortWindow());
            opened.addShutdownListener(cause -> abortWindow());
            connection = opened;
            channel = ch;
            connected = true;
            outageLogged = false;
            lastError = null;
            LOG.infof("Connected to RabbitMQ %s:%d, exchange %s", settings.host(), settings.port(), settings.exchange());
            listener.connectionChanged(true);
        } catch (IOException | TimeoutException | RuntimeException e) {
            lastError = describe(e);
            if (opened != null) {
                opened.abort(1000);
            }
            nextConnectAt = now + settings.reconnectInterval().toNanos();
            if (!outageLogged) {
                LOG.warnf("RabbitMQ unreachable (%s); spooling batches to %s", lastError, spool.directory());
                outageLogged = true;
            }
        }
    }

    private void resolve(long tag, boolean multiple, boolean ack) {
        ConfirmWindow confirms = window;
        if (confirms != null) {
            confirms.resolve(tag, multiple, ack);
        }
    }

    private void abortWindow() {
        ConfirmWindow confirms = window;
        if (confirms != null) {
            confirms.abort();
        }
    }

    private void closeConnection() {
        boolean was = connected;
        connected = false;
        Connection c = connection;
        connection = null;
        channel = null;
        if (c != null) {
            c.abort(1000);
        }
        nextConnectAt = System.nanoTime() + settings.reconnectInterval().toNanos();
        if (was) {
            LOG.warnf("RabbitMQ connection lost (%s); spooling batches until it is back", lastError);
            outageLogged = true;
            listener.connectionChanged(false);
        }
    }

    private static String describe(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Confirms of one window of consecutive delivery tags. */
    static final class ConfirmWindow {
        private final long first;
        private final byte[] state; // 0 open, 1 acked, 2 nacked
        private int resolved;
        private boolean aborted;

        ConfirmWindow(long first, int size) {
            this.first = first;
            this.state = new byte[size];
        }

        synchronized void resolve(long tag, boolean multiple, boolean ack) {
            long from = multiple ? first : tag;
            for (long t = Math.max(from, first); t <= tag && t - first < state.length; t++) {
                int i = (int) (t - first);
                if (state[i] == 0) {
                    state[i] = (byte) (ack ? 1 : 2);
                    resolved++;
                }
            }
            notifyAll();
        }

        synchronized void abort() {
            aborted = true;
            notifyAll();
        }

        /** True when every tag was resolved (acked or nacked) in time; false on timeout or abort. */
        synchronized boolean await(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (resolved < state.length && !aborted) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return resolved == state.length;
        }

        synchronized boolean aborted() {
            return aborted;
        }

        synchronized int ackedPrefix() {
            int n = 0;
            while (n < state.length && state[n] == 1) {
                n++;
            }
            return n;
        }
    }
}
