package io.lurker.chat.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lurker.chat.config.ChatConfig;
import io.lurker.chat.config.EventsConfig;
import io.lurker.chat.service.ChatMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * Owns the publishing half of the pipeline — spool, publisher thread, batch assembler — and
 * their order at shutdown: open batches are closed first, then the publisher publishes or
 * spools everything it holds, so a clean stop loses nothing.
 */
@Startup
@Singleton
public class ChatPublishing {

    private static final Logger LOG = Logger.getLogger(ChatPublishing.class);

    private final ChatSpool spool;
    private final ConfirmingPublisher publisher;
    private final BatchAssembler assembler;
    private final ChatMetrics metrics;

    public ChatPublishing(ChatConfig config, EventsConfig events, ObjectMapper json, MeterRegistry registry) {
        ChatConfig.Spool spoolConfig = config.spool();
        try {
            this.spool = ChatSpool.open(Path.of(config.spoolDir()), spoolConfig.segmentBytes(),
                    spoolConfig.maxBytes(), spoolConfig.fsync());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the chat spool in " + config.spoolDir(), e);
        }
        ChatSpool.Recovery recovery = spool.recovery();
        if (recovery.batches() > 0 || recovery.discardedBytes() > 0) {
            LOG.infof("Spool holds %d batches (%d bytes) to replay; %d damaged bytes cut from %d files",
                    recovery.batches(), recovery.bytes(), recovery.discardedBytes(), recovery.damagedSegments());
        }
        this.metrics = new ChatMetrics(registry);
        ChatConfig.Publisher p = config.publisher();
        ConfirmingPublisher.Settings settings = new ConfirmingPublisher.Settings(p.host(), p.port(), p.username(),
                p.password(), p.virtualHost(), events.exchange(), p.window(), p.confirmTimeout(),
                p.reconnectInterval());
        BatchAssembler[] assemblerRef = new BatchAssembler[1];
        this.publisher = new ConfirmingPublisher(settings, spool, new ConfirmingPublisher.Listener() {
            @Override
            public void released(OutboundBatch batch) {
                assemblerRef[0].release(batch.records());
            }

            @Override
            public void confirmed(OutboundBatch batch, boolean replayed, java.time.Duration latency) {
                metrics.confirmed(batch, replayed, latency);
            }

            @Override
            public void spooled(OutboundBatch batch) {
                metrics.spooled(batch);
            }

            @Override
            public void connectionChanged(boolean connected) {
                metrics.connectionChanged(connected);
            }
        }, Clock.systemUTC());
        this.assembler = new BatchAssembler(config.batch().maxMessages(), config.batch().maxDelay(),
                config.buffer().maxMessages(), json, publisher::submit, Clock.systemUTC());
        assemblerRef[0] = assembler;
        Gauge.builder("lurker.chat.spool.batches", spool, ChatSpool::batches)
                .description("Batches waiting in the on-disk spool").register(registry);
        Gauge.builder("lurker.chat.spool.bytes", spool, ChatSpool::bytes)
                .description("Bytes of the on-disk spool").baseUnit("bytes").register(registry);
        Gauge.builder("lurker.chat.buffer.records", assembler, BatchAssembler::buffered)
                .description("Records accepted and not yet confirmed nor spooled").register(registry);
        publisher.start();
    }

    public BatchAssembler assembler() {
        return assembler;
    }

    public ConfirmingPublisher publisher() {
        return publisher;
    }

    public ChatSpool spool() {
        return spool;
    }

    public ChatMetrics metrics() {
        return metrics;
    }

    @PreDestroy
    void stop() {
        assembler.close();
        publisher.close();
    }
}
