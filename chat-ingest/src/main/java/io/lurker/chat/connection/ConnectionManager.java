package io.lurker.chat.connection;

import io.lurker.chat.config.ChatConfig;
import io.lurker.chat.config.TwitchConfig;
import io.lurker.chat.service.ChatPipeline;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Keeps the joined channels equal to the wanted ones: spreads them over connections of at most
 * {@code channels-per-connection}, opens connections no faster than {@code connection-open-interval},
 * sends JOINs through the shared {@link JoinBucket}, counts a JOIN only when ROOMSTATE confirms it
 * and retries unconfirmed ones with backoff, PARTs channels no longer wanted, PINGs every
 * connection and replaces dead ones (errors and ping timeouts with exponential backoff and jitter;
 * RECONNECT at once, reading the old connection until the server closes it).
 *
 * <p>One thread ({@code chat-irc-manager}) reconciles; reader threads report under the same lock.
 */
public final class ConnectionManager implements TmiConnection.Listener {

    private static final Logger LOG = Logger.getLogger(ConnectionManager.class);

    /**
     * Who logs in: a nick and, for a user, a token. Asked anew for every connection, on that
     * connection's own thread (it may block); an exception closes the connection with reason
     * {@code login-unavailable} and the slot retries after the reconnect backoff.
     */
    public interface Credentials {
        TmiConnection.Login next() throws Exception;

        /** The server answered {@code NOTICE * :Login authentication failed} to this login. */
        default void refused(TmiConnection.Login login) {
        }
    }

    private static final class JoinState {
        boolean confirmed;
        long sentAt;
        int attempts;
        long nextAt;
    }

    private static final class Slot {
        final int id;
        final Set<String> channels = new LinkedHashSet<>();
        final Map<String, JoinState> joins = new HashMap<>();
        TmiConnection connection;
        final List<TmiConnection> draining = new ArrayList<>();
        int failures;
        long nextConnectAt;

        Slot(int id) {
            this.id = id;
        }
    }

    private final ChatConfig.Irc config;
    private final TmiConnection.Endpoint endpoint;
    private final ChatPipeline pipeline;
    private final Credentials credentials;
    private final Supplier<Set<String>> wanted;
    private final BiConsumer<String, String> channelSeen;
    private final JoinBucket bucket;
    private final List<Slot> slots = new ArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, Counter> reconnects = new ConcurrentHashMap<>();
    private final MeterRegistry registry;
    private final Counter joinsSent;
    private final Counter joinRetries;
    private long lastOpenAt;
    private volatile boolean running;
    private Thread thread;
    /*
     * Gauge values live in statics: Micrometer hands back an already registered gauge (bound to its
     * first object) when a second application instance starts in the same JVM (tests); one manager
     * runs per process otherwise.
     */
    private static final java.util.concurrent.atomic.AtomicInteger WANTED = new java.util.concurrent.atomic.AtomicInteger();
    private static final java.util.concurrent.atomic.AtomicInteger JOINED = new java.util.concurrent.atomic.AtomicInteger();
    private static final java.util.concurrent.atomic.AtomicInteger CONFIRMED = new java.util.concurrent.atomic.AtomicInteger();
    private static final java.util.concurrent.atomic.AtomicInteger OPEN = new java.util.concurrent.atomic.AtomicInteger();
    private volatile int wantedCount;

    public ConnectionManager(ChatConfig.Irc config, TwitchConfig twitch, ChatPipeline pipeline, Credentials credentials,
            Supplier<Set<String>> wanted, BiConsumer<String, String> channelSeen, MeterRegistry registry) {
        this.config = config;
        int readTimeout = (int) (config.pingInterval().toMillis() + config.pingTimeout().toMillis() + 5_000);
        this.endpoint = new TmiConnection.Endpoint(twitch.ircHost(), twitch.ircPort(), twitch.ircTls(), config.tlsTrustAll(),
                (int) config.connectTimeout().toMillis(), readTimeout);
        this.pipeline = pipeline;
        this.credentials = credentials;
        this.wanted = wanted;
        this.channelSeen = channelSeen;
        this.bucket = new JoinBucket(config.joinLimit(), config.joinWindow().toMillis());
        this.registry = registry;
        // a gauge already registered (an earlier application instance in this JVM, as in tests) stays bound
        // to its first object: replace it
        registry.find("lurker.chat.channels").meters().forEach(registry::remove);
        registry.find("lurker.chat.connections").meters().forEach(registry::remove);
        for (String state : List.of("wanted", "joined", "confirmed")) {
            java.util.concurrent.atomic.AtomicInteger value = switch (state) {
                case "wanted" -> WANTED;
                case "joined" -> JOINED;
                default -> CONFIRMED;
            };
            Gauge.builder("lurker.chat.channels", value, java.util.concurrent.atomic.AtomicInteger::get).tag("state", state).description("channels wanted (leased), JOIN sent, confirmed by ROOMSTATE").register(registry);
        }
        Gauge.builder("lurker.chat.connections", OPEN, java.util.concurrent.atomic.AtomicInteger::get).description("open IRC connections").register(registry);
        this.joinsSent = Counter.builder("lurker.chat.joins").description("JOINs sent").register(registry);
        this.joinRetries = Counter.builder("lurker.chat.join.retries").description("JOINs sent again after no ROOMSTATE").register(registry);
    }

    public void start() {
        running = true;
        thread = new Thread(this::loop, "chat-irc-manager");
        thread.setDaemon(true);
        thread.start();
    }

    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            for (Slot slot : slots) {
                if (slot.connection != null) {
                    slot.connection.close();
                }
                slot.draining.forEach(TmiConnection::close);
            }
        }
    }

    private void loop() {
        long interval = Math.max(10, config.reconcileInterval().toMillis());
        while (running) {
            try {
                reconcile(System.currentTimeMillis());
            } catch (RuntimeException e) {
                LOG.warnf(e, "IRC reconcile failed");
            }
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    synchronized void reconcile(long now) {
        Set<String> want = wanted.get();
        Set<String> assigned = new LinkedHashSet<>();
        // 1. part what is no longer wanted
        for (Slot slot : slots) {
            for (Iterator<String> it = slot.channels.iterator(); it.hasNext(); ) {
                String channel = it.next();
                if (!want.contains(channel)) {
                    it.remove();
                    JoinState js = slot.joins.remove(channel);
                    if (js != null && js.sentAt > 0 && slot.connection != null && slot.connection.registered) {
                        slot.connection.send("PART #" + channel);
                    }
                } else {
                    assigned.add(channel);
                }
            }
        }
        // 2. assign what is new to slots with room
        for (String channel : want) {
            if (assigned.contains(channel)) {
                continue;
            }
            Slot target = null;
            for (Slot slot : slots) {
                if (slot.channels.size() < config.channelsPerConnection()) {
                    target = slot;
                    break;
                }
            }
            if (target == null) {
                target = new Slot(slots.size());
                slots.add(target);
            }
            target.channels.add(channel);
            target.joins.put(channel, new JoinState());
        }
        // 3. connections, joins, pings
        int joined = 0;
        int confirmed = 0;
        int open = 0;
        for (Slot slot : slots) {
            for (Iterator<TmiConnection> it = slot.draining.iterator(); it.hasNext(); ) {
                TmiConnection old = it.next();
                if (old.closed()) {
                    it.remove();
                } else if (now - old.drainingSince > config.drainTimeout().toMillis()) {
                    old.close();
                    it.remove();
                } else {
                    open++;
                }
            }
            TmiConnection c = slot.connection;
            if (c == null) {
                if (!slot.channels.isEmpty() && now >= slot.nextConnectAt
                        && now - lastOpenAt >= config.connectionOpenInterval().toMillis()) {
                    open(slot, now);
                }
                continue;
            }
            open++;
            if (!c.registered) {
                continue;
            }
            for (String channel : slot.channels) {
                JoinState js = slot.joins.get(channel);
                if (js.confirmed) {
                    joined++;
                    confirmed++;
                    continue;
                }
                if (js.sentAt > 0 && now - js.sentAt < config.joinTimeout().toMillis()) {
                    joined++;
                    continue;
                }
                if (js.sentAt > 0) {
                    // timed out: back off before the next attempt
                    js.sentAt = 0;
                    js.nextAt = now + Backoff.delayMillis(js.attempts, config.joinTimeout(), config.joinRetryMax());
                }
                if (now >= js.nextAt && bucket.tryTake(now)) {
                    if (js.attempts > 0) {
                        joinRetries.increment();
                    }
                    js.attempts++;
                    js.sentAt = now;
                    joinsSent.increment();
                    c.send("JOIN #" + channel);
                    joined++;
                }
            }
            PingVerdict verdict = pingVerdict(now, c.pingDeadline, c.lastReadAt, c.inPipelineSince, config.pingTimeout().toMillis());
            if (verdict == PingVerdict.EXTEND) {
                // no PONG yet, but bytes keep arriving (the PONG is queued behind a backlog of chat) or the
                // reader waits for our own full buffer, not for the network: wait on
                c.pingDeadline = now + config.pingTimeout().toMillis();
            } else if (verdict == PingVerdict.DEAD) {
                LOG.infof("IRC connection %d: no PONG within %s and nothing read meanwhile, replacing it", c.id,
                        config.pingTimeout());
                countReconnect("ping-timeout");
                c.close();
            } else if (c.pingDeadline == 0 && now - c.lastPingSentAt >= config.pingInterval().toMillis()) {
                c.lastPingSentAt = now;
                c.pingDeadline = now + config.pingTimeout().toMillis();
                c.send("PING :lurker");
            }
        }
        // a slot left without channels closes its connection
        for (Slot slot : slots) {
            if (slot.channels.isEmpty() && slot.connection != null) {
                slot.connection.close();
                slot.connection = null;
            }
        }
        wantedCount = want.size();
        WANTED.set(want.size());
        JOINED.set(joined);
        CONFIRMED.set(confirmed);
        OPEN.set(open);
    }

    enum PingVerdict { NONE, EXTEND, DEAD }

    /**
     * What a connection's PING deadline means now: nothing pending or not yet due ({@code NONE}); due, but
     * the link delivered bytes within the timeout or its reader is blocked handing a line to the pipeline
     * (backpressure from a full buffer, where closing would throw away what Twitch already sent)
     * ({@code EXTEND}); due with nothing read meanwhile ({@code DEAD}).
     */
    static PingVerdict pingVerdict(long now, long pingDeadline, long lastReadAt, long inPipelineSince, long timeoutMillis) {
        if (pingDeadline == 0 || now <= pingDeadline) {
            return PingVerdict.NONE;
        }
        if (inPipelineSince != 0 || now - lastReadAt <= timeoutMillis) {
            return PingVerdict.EXTEND;
        }
        return PingVerdict.DEAD;
    }

    private void open(Slot slot, long now) {
        lastOpenAt = now;
        for (JoinState js : slot.joins.values()) {
            js.confirmed = false;
            js.sentAt = 0;
            js.nextAt = 0;
            js.attempts = 0;
        }
        TmiConnection c = new TmiConnection(ids.incrementAndGet(), slot.id, endpoint, credentials, pipeline, this);
        slot.connection = c;
        c.lastPingSentAt = now;
        c.start();
    }

    private void countReconnect(String reason) {
        reconnects.computeIfAbsent(reason, r -> Counter.builder("lurker.chat.reconnects").tag("reason", r)
                .description("IRC connections replaced").register(registry)).increment();
    }

    private Slot slotOf(TmiConnection c) {
        return c.slot < slots.size() ? slots.get(c.slot) : null;
    }

    @Override
    public synchronized void registered(TmiConnection c) {
        Slot slot = slotOf(c);
        if (slot != null && slot.connection == c) {
            slot.failures = 0;
        }
    }

    @Override
    public void confirmed(TmiConnection c, String channel, String roomId) {
        synchronized (this) {
            Slot slot = slotOf(c);
            if (slot != null && slot.connection == c) {
                JoinState js = slot.joins.get(channel);
                if (js != null) {
                    js.confirmed = true;
                }
            }
        }
        if (channel != null && roomId != null && !roomId.isEmpty()) {
            channelSeen.accept(channel, roomId);
        }
    }

    @Override
    public synchronized void channelRefused(TmiConnection c, String channel, String reason) {
        Slot slot = slotOf(c);
        if (slot != null) {
            JoinState js = slot.joins.get(channel);
            if (js != null) {
                js.sentAt = 0;
                js.nextAt = System.currentTimeMillis() + config.joinRetryMax().toMillis();
            }
        }
    }

    @Override
    public void pong(TmiConnection c) {
        // pingDeadline cleared by the connection
    }

    @Override
    public synchronized void reconnectRequested(TmiConnection c) {
        Slot slot = slotOf(c);
        countReconnect("reconnect");
        if (slot != null && slot.connection == c) {
            c.drainingSince = System.currentTimeMillis();
            slot.draining.add(c);
            slot.connection = null;
            slot.nextConnectAt = 0;
            lastOpenAt = 0;
        }
    }

    @Override
    public synchronized void closed(TmiConnection c, String reason) {
        Slot slot = slotOf(c);
        if (slot == null) {
            return;
        }
        slot.draining.remove(c);
        if (slot.connection == c) {
            slot.connection = null;
            slot.failures++;
            long delay = Backoff.delayMillis(slot.failures, config.reconnectMin(), config.reconnectMax());
            slot.nextConnectAt = System.currentTimeMillis() + delay;
            if (running) {
                countReconnect(reason.startsWith("io") ? "error" : reason);
                LOG.infof("IRC connection %d closed (%s); reconnecting in %d ms", c.id, reason, delay);
            }
        }
    }

    /** Channels per state for the status API and tests. */
    public synchronized Map<String, Object> status() {
        Map<String, Object> out = new LinkedHashMap<>();
        Set<String> confirmed = new TreeSet<>();
        Set<String> pending = new TreeSet<>();
        List<Map<String, Object>> connections = new ArrayList<>();
        for (Slot slot : slots) {
            slot.joins.forEach((channel, js) -> (js.confirmed ? confirmed : pending).add(channel));
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("slot", slot.id);
            c.put("connected", slot.connection != null && slot.connection.registered);
            c.put("channels", slot.channels.size());
            c.put("draining", slot.draining.size());
            connections.add(c);
        }
        out.put("wanted", wantedCount);
        out.put("confirmed", confirmed);
        out.put("pending", pending);
        out.put("connections", connections);
        return out;
    }

    public synchronized Set<String> confirmedChannels() {
        Set<String> confirmed = new TreeSet<>();
        for (Slot slot : slots) {
            slot.joins.forEach((channel, js) -> {
                if (js.confirmed) {
                    confirmed.add(channel);
                }
            });
        }
        return confirmed;
    }

    static String anonymousNick() {
        return "justinfan" + (10_000 + ThreadLocalRandom.current().nextInt(89_999_990));
    }

    Duration pingInterval() {
        return config.pingInterval();
    }
}
