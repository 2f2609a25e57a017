package io.lurker.analytics.messaging;

import io.lurker.analytics.config.AnalyticsConfig;
import io.lurker.analytics.service.ChatIngestService;
import io.lurker.analytics.service.PartitionMaintainer;
import io.lurker.contracts.chat.ChatMessage;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Group commit for live chat. The ingest workers decode and check each delivery and leave its
 * messages here; each writer thread takes whatever deliveries have gathered (up to
 * {@code lurker.analytics.chat-writer.max-messages}) and stores them in one transaction, and only
 * after that commit does each delivery's stage complete (and the delivery get acknowledged).
 * Under light load a write holds one delivery, as before; under heavy load the many small
 * batches of many channels become few large transactions.
 *
 * <p>If a group cannot be stored for a reason that lies in the data (SQLSTATE class 22/23/54, a
 * runtime failure), its deliveries are stored again one by one, so only the bad one fails. If
 * the database itself fails (down, deadlock, missing partition), the writer pauses once and
 * every delivery of the group fails with that error, to be requeued.
 */
@ApplicationScoped
public class ChatWriteGroups {

    private static final Logger LOG = Logger.getLogger(ChatWriteGroups.class);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

    private record Pending(List<ChatMessage> messages, CompletableFuture<Void> done) {
    }

    private final BlockingQueue<Pending> waiting = new LinkedBlockingQueue<>();
    private final ChatIngestService chat;
    private final PartitionMaintainer partitions;
    private final AnalyticsConfig config;
    private final List<Thread> writers = new ArrayList<>();
    private final AtomicInteger writing = new AtomicInteger();
    private final DistributionSummary deliveriesPerCommit;
    private volatile boolean running = true;

    public ChatWriteGroups(ChatIngestService chat, PartitionMaintainer partitions, AnalyticsConfig config,
            MeterRegistry registry) {
        this.chat = chat;
        this.partitions = partitions;
        this.config = config;
        this.deliveriesPerCommit = DistributionSummary.builder("lurker.analytics.chat.write.deliveries")
                .description("Chat deliveries stored by one committed transaction").register(registry);
        Gauge.builder("lurker.analytics.chat.write.waiting", waiting, BlockingQueue::size)
                .description("Checked chat deliveries waiting for a writer").register(registry);
    }

    /** Deliveries checked and waiting for a writer. */
    public int waiting() {
        return waiting.size();
    }

    /** Deliveries a writer has taken and not yet settled. */
    public int writing() {
        return writing.get();
    }

    /** Deliveries stored by each committed transaction. */
    public DistributionSummary deliveriesPerCommit() {
        return deliveriesPerCommit;
    }

    @PostConstruct
    void start() {
        for (int i = 0; i < Math.max(1, config.chatWriter().threads()); i++) {
            Thread writer = new Thread(this::run, "chat-writer-" + i);
            writer.setDaemon(true);
            writers.add(writer);
            writer.start();
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        writers.forEach(Thread::interrupt);
        for (Thread writer : writers) {
            try {
                writer.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // not stored, not acknowledged: the broker delivers them again
        for (Pending left; (left = waiting.poll()) != null; ) {
            left.done().completeExceptionally(new SQLException("analytics-service is stopping", "57P01"));
        }
    }

    /**
     * Queues checked messages of one delivery for the next write.
     *
     * @return completes after the transaction holding them committed, or fails with the
     *         {@link SQLException} or runtime failure that prevented it
     */
    public CompletionStage<Void> submit(List<ChatMessage> messages) {
        Pending pending = new Pending(messages, new CompletableFuture<>());
        if (!running) {
            pending.done().completeExceptionally(new SQLException("analytics-service is stopping", "57P01"));
            return pending.done();
        }
        waiting.add(pending);
        return pending.done();
    }

    private void run() {
        int max = config.chatWriter().maxMessages();
        List<Pending> group = new ArrayList<>();
        while (running) {
            try {
                Pending first = waiting.take();
                group.add(first);
                int size = first.messages().size();
                for (Pending next; size < max && (next = waiting.poll()) != null; ) {
                    group.add(next);
                    size += next.messages().size();
                }
                writing.addAndGet(group.size());
                write(group);
            } catch (InterruptedException e) {
                group.forEach(p -> p.done().completeExceptionally(
                        new SQLException("analytics-service is stopping", "57P01")));
                return;
            } catch (RuntimeException e) {
                // write() settles every delivery; nothing may kill the writer
                LOG.errorf(e, "Chat writer failed");
                group.forEach(p -> p.done().completeExceptionally(e));
            } finally {
                writing.addAndGet(-group.size());
                group.clear();
            }
        }
    }

    private void write(List<Pending> group) throws InterruptedException {
        if (group.size() == 1) {
            writeAlone(group.get(0));
            return;
        }
        List<ChatMessage> all = new ArrayList<>();
        for (Pending p : group) {
            all.addAll(p.messages());
        }
        try {
            chat.storeValidated(all);
            deliveriesPerCommit.record(group.size());
            group.forEach(p -> p.done().complete(null));
        } catch (SQLException e) {
            if (IngestHandler.isDataError(e)) {
                writeOneByOne(group);
            } else {
                failAfterPause(group, e);
            }
        } catch (RuntimeException e) {
            writeOneByOne(group);
        }
    }

    private void writeOneByOne(List<Pending> group) throws InterruptedException {
        for (Pending p : group) {
            writeAlone(p);
        }
    }

    private void writeAlone(Pending p) throws InterruptedException {
        try {
            chat.storeValidated(p.messages());
            deliveriesPerCommit.record(1);
            p.done().complete(null);
        } catch (SQLException e) {
            if (IngestHandler.isDataError(e)) {
                p.done().completeExceptionally(e);
            } else {
                failAfterPause(List.of(p), e);
            }
        } catch (RuntimeException e) {
            p.done().completeExceptionally(e);
        }
    }

    /** The database failed: wait a moment (once for the whole group), then let the deliveries be requeued. */
    private void failAfterPause(List<Pending> group, SQLException e) throws InterruptedException {
        LOG.warnf("Storing %d chat deliveries failed (SQLSTATE %s: %s); they will be redelivered", group.size(),
                e.getSQLState(), IngestHandler.firstLine(e.getMessage()));
        if ("23514".equals(e.getSQLState())) {
            try {
                partitions.reload();
            } catch (SQLException reloadFailed) {
                LOG.debugf("Reloading partitions failed: %s", reloadFailed.getMessage());
            }
        }
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } finally {
            group.forEach(p -> p.done().completeExceptionally(e));
        }
    }
}
