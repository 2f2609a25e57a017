package io.lurker.chat.service;

import io.lurker.chat.irc.UnparsedReason;
import io.lurker.chat.messaging.ConfirmingPublisher;
import io.lurker.chat.messaging.OutboundBatch;
import io.lurker.contracts.chat.ChatEventKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * chat-ingest's meters (Prometheus names in the README): records per channel, unparsed lines
 * per reason, publish latency, batches published and spooled. Counters are looked up once per
 * channel and kept, so the hot path does one map lookup.
 */
public final class ChatMetrics implements ConfirmingPublisher.Listener {

    private final MeterRegistry registry;
    private final Map<String, Counter> messages = new ConcurrentHashMap<>();
    private final Map<String, Counter> events = new ConcurrentHashMap<>();
    private final Map<String, Counter> ignored = new ConcurrentHashMap<>();
    private final Map<UnparsedReason, Counter> unparsed = new EnumMap<>(UnparsedReason.class);
    private final Timer latency;
    private final Timer replayLatency;
    private final Counter publishedBatches;
    private final Counter publishedRecords;
    private final Counter spooledBatches;
    private final Counter spooledRecords;
    private volatile boolean connected;

    public ChatMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (UnparsedReason reason : UnparsedReason.values()) {
            unparsed.put(reason, Counter.builder("lurker.chat.unparsed")
                    .description("Lines the parser could not read, kept raw and published as UNPARSED events")
                    .tag("reason", reason.slug()).register(registry));
        }
        this.latency = Timer.builder("lurker.chat.publish.latency")
                .description("From a batch's closing to the broker's confirm").tag("replayed", "false")
                .publishPercentileHistogram().register(registry);
        this.replayLatency = Timer.builder("lurker.chat.publish.latency")
                .description("From a batch's closing to the broker's confirm").tag("replayed", "true")
                .publishPercentileHistogram().register(registry);
        this.publishedBatches = Counter.builder("lurker.chat.published.batches").register(registry);
        this.publishedRecords = Counter.builder("lurker.chat.published.records").register(registry);
        this.spooledBatches = Counter.builder("lurker.chat.spooled.batches").register(registry);
        this.spooledRecords = Counter.builder("lurker.chat.spooled.records").register(registry);
        registry.gauge("lurker.chat.broker.connected", this, m -> m.connected ? 1 : 0);
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void message(String channel) {
        messages.computeIfAbsent(channel == null ? "" : channel,
                c -> Counter.builder("lurker.chat.messages").description("Chat messages accepted")
                        .tag("channel", c).register(registry)).increment();
    }

    public void event(String channel, ChatEventKind kind) {
        String c = channel == null ? "" : channel;
        events.computeIfAbsent(c + '\u0000' + kind.name(),
                k -> Counter.builder("lurker.chat.events").description("Chat events accepted")
                        .tag("channel", c).tag("kind", kind.name().toLowerCase(Locale.ROOT))
                        .register(registry)).increment();
    }

    public void unparsed(UnparsedReason reason) {
        unparsed.get(reason).increment();
    }

    /** Lines not published (PING, JOIN, USERSTATE, WHISPER…), by command. */
    public void ignored(String command) {
        ignored.computeIfAbsent(command, c -> Counter.builder("lurker.chat.ignored")
                .description("Valid lines that are not chat content and are not published")
                .tag("command", c).register(registry)).increment();
    }

    @Override
    public void confirmed(OutboundBatch batch, boolean replayed, Duration latency) {
        (replayed ? replayLatency : this.latency).record(latency.isNegative() ? Duration.ZERO : latency);
        publishedBatches.increment();
        publishedRecords.increment(batch.records());
    }

    @Override
    public void spooled(OutboundBatch batch) {
        spooledBatches.increment();
        spooledRecords.increment(batch.records());
    }

    @Override
    public void connectionChanged(boolean connected) {
        this.connected = connected;
    }
}
